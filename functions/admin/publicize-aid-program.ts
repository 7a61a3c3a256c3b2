import { endpoint } from '../_lib/http.js';
import { publicizeAidProgram } from '../_lib/services/aid/publicize-aid-program.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    return { body: await publicizeAidProgram({ db, userId, programId: pathId() }) };
  },
});
