// The working-day calendar's endpoints (docs/api-extensions.md "Working-day calendar"), for
// 节假日设置 and the reminder on the office home. Kept beside the page: nothing else calls them.
import { request } from '../../../services/api';
import { ZCalendarDayList, type TCalendarDay } from '../../../services/contract';

export const calendarApi = {
  /** Every day entered (all years: a few hundred rows at most), or one year's. */
  days: (year?: number) => request({ path: '/admin/calendar-days', query: { year }, schema: ZCalendarDayList }),
  /** Upsert by day: adds days or corrects them. */
  save: (days: TCalendarDay[]) => request({ method: 'POST', path: '/admin/calendar-days', body: { days }, schema: ZCalendarDayList }),
  /** Gives days back to the ordinary week. */
  remove: (days: string[]) => request({ method: 'POST', path: '/admin/calendar-days/remove', body: { days }, schema: ZCalendarDayList }),
};

export const CALENDAR_PAGE = '/packages/office/calendar/index';
