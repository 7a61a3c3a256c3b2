import { endpoint } from '../_lib/http.js';
import { searchRegistrations } from '../_lib/services/checkin/search-registrations.js';
import { ZRegistrationSearchQuery } from '../../shared/schemas.js';

/** 补签 lookup: the activity's registrations by name or member-number tail (admin, cadres of the activity's org). */
export default endpoint({
  method: 'GET',
  query: ZRegistrationSearchQuery,
  async handle({ db, userId, query, pathId }) {
    return { body: await searchRegistrations({ db, userId, activityId: pathId(), q: query.q }) };
  },
});
