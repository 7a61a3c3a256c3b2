import { endpoint } from '../_lib/http.js';
import { decideMembershipTransfer } from '../_lib/services/join/membership-transfers.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    return { body: await decideMembershipTransfer({ db, userId, id: pathId(), decision: 'accept' }) };
  },
});
