import { endpoint } from '../_lib/http.js';
import { listMyMembershipTransfers } from '../_lib/services/join/membership-transfers.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await listMyMembershipTransfers({ db, userId }) };
  },
});
