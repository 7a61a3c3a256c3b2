import { endpoint } from '../_lib/http.js';
import { decideMembershipTransfer } from '../_lib/services/join/membership-transfers.js';
import { ZTransferDecisionRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZTransferDecisionRequest,
  async handle({ db, userId, pathId, body }) {
    return { body: await decideMembershipTransfer({ db, userId, id: pathId(), decision: 'reject', reason: body.reason }) };
  },
});
