import { endpoint } from '../_lib/http.js';
import { listAdminMembers } from '../_lib/services/office/list-admin-members.js';
import { ZAdminMemberListQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZAdminMemberListQuery,
  async handle({ db, userId, query }) {
    return { body: await listAdminMembers({ db, userId, q: query.q || undefined, orgId: query.orgId, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
