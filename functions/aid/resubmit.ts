import { endpoint } from '../_lib/http.js';
import { resubmitAidApplication } from '../_lib/services/aid/resubmit-aid-application.js';
import { ZAidApplicationPatch } from '../../shared/schemas.js';

export default endpoint({
  method: 'PATCH',
  body: ZAidApplicationPatch,
  async handle({ db, userId, pathId, body }) {
    return { body: await resubmitAidApplication({ db, userId, applicationId: pathId(), patch: body }) };
  },
});
