import { endpoint } from '../_lib/http.js';
import { createAidProgram } from '../_lib/services/aid/create-aid-program.js';
import { ZAidProgramInput } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZAidProgramInput,
  async handle({ db, userId, body }) {
    return { status: 201, body: await createAidProgram({ db, userId, input: body }) };
  },
});
