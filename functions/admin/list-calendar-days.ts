import { endpoint } from '../_lib/http.js';
import { listCalendarDays } from '../_lib/services/join/calendar-days.js';
import { ZCalendarQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZCalendarQuery,
  async handle({ db, userId, query }) {
    return { body: await listCalendarDays({ db, userId, year: query.year }) };
  },
});
