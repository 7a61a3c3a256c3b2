// The working-day calendar (issue #15): the days that differ from Monday–Friday live in
// `calendar_days` (migration 012), counted by `working_days_after()` in SQL. This file holds the
// one decision the office shows about it: is next year's calendar entered yet?
//
// The State Council publishes the next year's holidays and its 调休 working weekend days late in
// the year. The statutory holidays alone are not enough: without the 调休 Saturdays/Sundays a
// review deadline around 春节 or 国庆节 comes out later than the law's. So a year counts as
// entered only once at least one weekend day is declared a working day.

export type CalendarEntry = { day: string; workday: boolean; name: string };

/** Shanghai's calendar date ("2026-12-01") of an instant. */
export function shanghaiDate(at: Date | string | number): string {
  return new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Saturday or Sunday, for a date written "2027-02-14". */
export function isWeekend(day: string): boolean {
  const dow = new Date(`${day.slice(0, 10)}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

/** A 调休 working day: a Saturday or Sunday the calendar declares a working day. */
export function isMakeUpWorkday(entry: CalendarEntry): boolean {
  return entry.workday && isWeekend(entry.day);
}

/** The year whose calendar must be checked on `today` ("YYYY-MM-DD", Shanghai): from December on, the next one. */
export function yearToCheck(today: string): number | null {
  const [year, month] = today.split('-').map(Number);
  return month === 12 ? year + 1 : null;
}

export type CalendarWarning = { year: number; message: string };

/**
 * The reminder admins see from December of a year on: next year's 调休 days are not entered
 * (no weekend day of that year is a working day), or nothing of that year is. `days` are the
 * calendar's entries (of any years: only those of the year checked count). Null: nothing to say.
 */
export function calendarWarning(today: string, days: readonly CalendarEntry[]): CalendarWarning | null {
  const year = yearToCheck(today);
  if (year === null) return null;
  const ofYear = days.filter((d) => d.day.startsWith(`${year}-`));
  if (ofYear.length === 0) return { year, message: `${year}年的节假日尚未录入` };
  if (!ofYear.some(isMakeUpWorkday)) return { year, message: `${year}年的调休安排尚未录入` };
  return null;
}
