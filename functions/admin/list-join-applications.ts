import { endpoint } from '../_lib/http.js';
import { listJoinQueue } from '../_lib/services/join/list-join-queue.js';
import { ZAdminJoinApplicationQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZAdminJoinApplicationQuery,
  async handle({ db, userId, query }) {
    return { body: await listJoinQueue({ db, userId, orgId: query.orgId, status: query.status, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
