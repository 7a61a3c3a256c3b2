import { endpoint } from '../_lib/http.js';
import { listAdminMembershipTransfers } from '../_lib/services/join/membership-transfers.js';
import { ZAdminTransferQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZAdminTransferQuery,
  async handle({ db, userId, query }) {
    return { body: await listAdminMembershipTransfers({ db, userId, orgId: query.orgId, status: query.status }) };
  },
});
