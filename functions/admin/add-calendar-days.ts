import { endpoint } from '../_lib/http.js';
import { addCalendarDays } from '../_lib/services/join/calendar-days.js';
import { ZCalendarDaysRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCalendarDaysRequest,
  async handle({ db, userId, body }) {
    return { body: await addCalendarDays({ db, userId, days: body.days }) };
  },
});
