import { endpoint } from '../_lib/http.js';
import { transferJoinApplication } from '../_lib/services/join/transfer-join-application.js';
import { ZJoinTransferRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZJoinTransferRequest,
  async handle({ db, userId, pathId, body }) {
    return { body: await transferJoinApplication({ db, userId, id: pathId(), orgId: body.orgId }) };
  },
});
