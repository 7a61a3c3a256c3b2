import { endpoint } from '../_lib/http.js';
import { rejectJoinApplication } from '../_lib/services/join/reject-join-application.js';
import { ZJoinRejectRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZJoinRejectRequest,
  async handle({ db, userId, pathId, body }) {
    return { body: await rejectJoinApplication({ db, userId, id: pathId(), reason: body.reason }) };
  },
});
