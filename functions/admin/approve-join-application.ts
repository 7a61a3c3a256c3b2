import { endpoint } from '../_lib/http.js';
import { approveJoinApplication } from '../_lib/services/join/approve-join-application.js';
import { ZJoinApproveRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZJoinApproveRequest,
  async handle({ db, userId, pathId, body }) {
    return { body: await approveJoinApplication({ db, userId, id: pathId(), memberNo: body.memberNo }) };
  },
});
