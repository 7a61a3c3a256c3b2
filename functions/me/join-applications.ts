import { endpoint } from '../_lib/http.js';
import { listMyJoinApplications } from '../_lib/services/join/list-my-join-applications.js';
import { ZListQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZListQuery,
  async handle({ db, userId, query }) {
    return { body: await listMyJoinApplications({ db, userId, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
