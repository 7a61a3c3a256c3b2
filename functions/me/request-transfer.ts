import { endpoint } from '../_lib/http.js';
import { requestMembershipTransfer } from '../_lib/services/join/membership-transfers.js';
import { ZTransferRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZTransferRequest,
  async handle({ db, userId, body }) {
    return { status: 201, body: await requestMembershipTransfer({ db, userId, toOrgId: body.toOrgId, reason: body.reason }) };
  },
});
