import { endpoint } from '../_lib/http.js';
import { submitAidApplication } from '../_lib/services/aid/submit-aid-application.js';
import { ZAidApplicationInput } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZAidApplicationInput,
  async handle({ db, userId, pathId, body }) {
    return { status: 201, body: await submitAidApplication({ db, userId, programId: pathId(), form: body }) };
  },
});
