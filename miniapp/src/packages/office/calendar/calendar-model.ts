// 节假日设置 (issue #15): what the page shows of the working-day calendar and what it sends.
// Pure, so that tests/miniapp/calendar.test.ts can hold it; the "is next year entered?" verdict
// is shared/domain/calendar.ts's, not this file's.
import { isWeekend, type CalendarEntry } from '../../../../../shared/domain/calendar.js';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** A range longer than this is a slip of the finger (the longest holiday, 春节, is 9 days). */
export const MAX_RANGE_DAYS = 31;
/** The names of 《全国年节及纪念日放假办法》, offered as chips. */
export const HOLIDAY_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];

const utc = (day: string) => new Date(`${day}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(day: string, n: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** "2月14日 周日" */
export function dayLabel(day: string): string {
  const d = utc(day);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAYS[d.getUTCDay()]}`;
}

/** The years to switch between: this one and the next two. */
export function yearChoices(thisYear: number): number[] {
  return [thisYear, thisYear + 1, thisYear + 2];
}

/** The default name of a day: a holiday's own name, or "<name>调休上班" for a working weekend day. */
export function entryName(kind: 'off' | 'work', holiday: string): string {
  const h = holiday.trim();
  if (kind === 'off' || !h || h.endsWith('上班')) return h;
  return `${h}调休上班`;
}

export type EntryForm = { kind: 'off' | 'work'; from: string; to: string; name: string };

/**
 * The days a form writes: 休 from–to (both included), 班 one day. A mistake is a Chinese
 * sentence, so that nothing is sent half-right.
 */
export function formDays(form: EntryForm): { days: CalendarEntry[] } | { error: string } {
  const name = form.name.trim();
  if (!form.from) return { error: '请选择日期' };
  if (!name) return { error: '请填写名称，如 春节' };
  if (name.length > 30) return { error: '名称不能超过30个字' };
  // a weekday works anyway: a 班 entry there would change nothing and hide a wrong date
  if (form.kind === 'work' && !isWeekend(form.from)) return { error: '调休上班日应是周六或周日，请检查日期' };
  const to = form.kind === 'work' || !form.to ? form.from : form.to;
  if (to < form.from) return { error: '结束日期不能早于开始日期' };
  if (form.from.slice(0, 4) !== to.slice(0, 4)) return { error: '请按年分别录入' };
  const days: CalendarEntry[] = [];
  for (let d = form.from; d <= to; d = addDays(d, 1)) {
    days.push({ day: d, workday: form.kind === 'work', name });
    if (days.length > MAX_RANGE_DAYS) return { error: `一次最多录入${MAX_RANGE_DAYS}天` };
  }
  return { days };
}

/** Entries of one year, by day. */
export function ofYear(items: readonly CalendarEntry[], year: number): CalendarEntry[] {
  return items.filter((d) => d.day.startsWith(`${year}-`)).sort((a, b) => (a.day < b.day ? -1 : 1));
}

export type Run = { from: string; to: string; count: number };
export type EntryGroup = { key: string; name: string; workday: boolean; days: CalendarEntry[]; runs: Run[] };

/** Consecutive days as runs: 2-15…2-23 is one run of 9. */
export function runsOf(days: readonly string[]): Run[] {
  const runs: Run[] = [];
  for (const d of [...days].sort()) {
    const last = runs[runs.length - 1];
    if (last && addDays(last.to, 1) === d) {
      last.to = d;
      last.count += 1;
    } else runs.push({ from: d, to: d, count: 1 });
  }
  return runs;
}

/** "2月15日—2月23日（9天）" or "2月14日 周六" */
export function runLabel(r: Run): string {
  return r.count === 1 ? dayLabel(r.from) : `${dayLabel(r.from).split(' ')[0]}—${dayLabel(r.to).split(' ')[0]}（${r.count}天）`;
}

/** The list view: one group per name and kind (春节 休, 春节调休上班 班), in the order of their first day. */
export function groupEntries(items: readonly CalendarEntry[]): EntryGroup[] {
  const groups = new Map<string, EntryGroup>();
  for (const d of [...items].sort((a, b) => (a.day < b.day ? -1 : 1))) {
    const key = `${d.workday ? 'work' : 'off'}:${d.name}`;
    const g = groups.get(key) ?? { key, name: d.name, workday: d.workday, days: [], runs: [] };
    g.days.push(d);
    groups.set(key, g);
  }
  for (const g of groups.values()) g.runs = runsOf(g.days.map((d) => d.day));
  return [...groups.values()];
}

export type Cell = { day: string; date: number; weekend: boolean; entry: CalendarEntry | null; working: boolean } | null;

/** The month view: weeks of seven cells, Monday first, null outside the month. */
export function monthGrid(year: number, month: number, items: readonly CalendarEntry[]): Cell[][] {
  const byDay = new Map(items.map((d) => [d.day, d]));
  const first = `${year}-${String(month).padStart(2, '0')}-01`;
  const lead = (utc(first).getUTCDay() + 6) % 7;
  const cells: Cell[] = Array.from({ length: lead }, () => null);
  for (let d = first; d.slice(0, 7) === first.slice(0, 7); d = addDays(d, 1)) {
    const entry = byDay.get(d) ?? null;
    const weekend = isWeekend(d);
    cells.push({ day: d, date: Number(d.slice(8)), weekend, entry, working: entry ? entry.workday : !weekend });
  }
  while (cells.length % 7) cells.push(null);
  const weeks: Cell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * Tapping days in the month view picks the form's dates: the first tap a day, a later day the
 * end of a 休 range, any other tap starts again.
 */
export function pickDay(form: EntryForm, day: string): EntryForm {
  if (form.kind === 'off' && form.from && form.from === form.to && day > form.from && day.slice(0, 4) === form.from.slice(0, 4)) return { ...form, to: day };
  return { ...form, from: day, to: day };
}

/** Days the form would overwrite with another meaning or name (asked before writing). */
export function overwritten(existing: readonly CalendarEntry[], days: readonly CalendarEntry[]): CalendarEntry[] {
  const byDay = new Map(existing.map((d) => [d.day, d]));
  return days.map((d) => byDay.get(d.day)).filter((e, i): e is CalendarEntry => !!e && (e.workday !== days[i].workday || e.name !== days[i].name));
}

/** 休 ↔ 班 keeps the holiday's name in its form: 春节 ↔ 春节调休上班. */
export function switchKind(form: EntryForm, kind: 'off' | 'work'): EntryForm {
  const base = form.name.trim().replace(/调休上班$/, '');
  const name = HOLIDAY_NAMES.includes(base) ? entryName(kind, base) : form.name;
  return { ...form, kind, name, to: kind === 'work' ? form.from : form.to };
}
