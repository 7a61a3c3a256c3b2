import { endpoint } from '../_lib/http.js';
import { removeCalendarDays } from '../_lib/services/join/calendar-days.js';
import { ZCalendarRemoveRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCalendarRemoveRequest,
  async handle({ db, userId, body }) {
    return { body: await removeCalendarDays({ db, userId, days: body.days }) };
  },
});
