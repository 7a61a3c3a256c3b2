import { endpoint } from '../_lib/http.js';
import { listClaims } from '../_lib/services/list-claims.js';
import { ZListQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZListQuery,
  async handle({ db, userId, query }) {
    return { body: await listClaims({ db, userId, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
