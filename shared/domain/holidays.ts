// Public holidays in mainland China (法定节假日, as the State Council publishes them each year), for
// `PH` in opening hours and for working-day deadlines. Extend this list when the next year's
// arrangement is published (usually in November). Weekend days the arrangement makes working days
// (调休上班) are listed apart: they count as working days for deadlines; for opening hours they are
// the weekday the calendar says, as OpenStreetMap's `opening_hours` reads them.
const HOLIDAY_RANGES: [string, string][] = [
  // 2025
  ['2025-01-01', '2025-01-01'],
  ['2025-01-28', '2025-02-04'],
  ['2025-04-04', '2025-04-06'],
  ['2025-05-01', '2025-05-05'],
  ['2025-05-31', '2025-06-02'],
  ['2025-10-01', '2025-10-08'],
  // 2026
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-04-04', '2026-04-06'],
  ['2026-05-01', '2026-05-05'],
  ['2026-06-19', '2026-06-21'],
  ['2026-09-25', '2026-09-27'],
  ['2026-10-01', '2026-10-07'],
];

const MAKEUP_WORKDAYS = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

function expand(ranges: [string, string][]): Set<string> {
  const days = new Set<string>();
  for (const [from, to] of ranges) {
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.add(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

const HOLIDAYS = expand(HOLIDAY_RANGES);
const MAKEUP = new Set(MAKEUP_WORKDAYS);

/** A date ("2026-10-01", the Shanghai calendar day) that is a public holiday. */
export function isPublicHoliday(date: string): boolean {
  return HOLIDAYS.has(date);
}

/** Monday to Friday that is not a holiday, or a weekend day made a working day. */
export function isWorkingDay(date: string): boolean {
  if (MAKEUP.has(date)) return true;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(date);
}

const SHANGHAI_MS = 8 * 3600_000;

/**
 * `days` working days after `from`, at the same time of day (Asia/Shanghai): a report made on
 * Friday 15:00 with 2 working days is due Tuesday 15:00; one made on a holiday counts from the
 * next working day's start.
 */
export function addWorkingDays(from: Date, days: number): Date {
  let local = new Date(from.getTime() + SHANGHAI_MS);
  const dateOf = (d: Date) => d.toISOString().slice(0, 10);
  if (!isWorkingDay(dateOf(local))) {
    // start counting from the beginning of the next working day
    local = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
    while (!isWorkingDay(dateOf(local))) local = new Date(local.getTime() + 86_400_000);
  }
  let left = days;
  while (left > 0) {
    local = new Date(local.getTime() + 86_400_000);
    if (isWorkingDay(dateOf(local))) left--;
  }
  return new Date(local.getTime() - SHANGHAI_MS);
}
