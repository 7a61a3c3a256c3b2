import { endpoint } from '../_lib/http.js';
import { listOfficerClaims } from '../_lib/services/list-officer-claims.js';
import { ZOfficerClaimQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZOfficerClaimQuery,
  async handle({ db, userId, query }) {
    return { body: await listOfficerClaims({ db, userId, query: { ...query, cursor: query.cursor || undefined } }) };
  },
});
