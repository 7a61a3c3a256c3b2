import { endpoint } from '../_lib/http.js';
import { listActivities } from '../_lib/services/list-activities.js';
import { ZActivityListQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZActivityListQuery,
  async handle({ db, userId, query }) {
    return { body: await listActivities({ db, userId, query }) };
  },
});
