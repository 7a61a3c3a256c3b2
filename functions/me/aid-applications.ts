import { endpoint } from '../_lib/http.js';
import { listMyAidApplications } from '../_lib/services/aid/list-my-aid-applications.js';
import { ZListQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZListQuery,
  async handle({ db, userId, query }) {
    return { body: await listMyAidApplications({ db, userId, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
