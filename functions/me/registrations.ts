import { endpoint } from '../_lib/http.js';
import { listMyRegistrations } from '../_lib/services/list-my-registrations.js';
import { ZListQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZListQuery,
  async handle({ db, userId, query }) {
    return { body: await listMyRegistrations({ db, userId, cursor: query.cursor, limit: query.limit }) };
  },
});
