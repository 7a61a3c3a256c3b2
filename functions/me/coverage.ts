import { endpoint } from '../_lib/http.js';
import { listCoverage } from '../_lib/services/list-coverage.js';
import { ZCoverageQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZCoverageQuery,
  async handle({ db, userId, query }) {
    return { body: await listCoverage({ db, userId, year: query.year }) };
  },
});
