// Opening hours in OpenStreetMap's `opening_hours` syntax (api.md "v1.1 precisions"), the subset
// stations use, evaluated in Asia/Shanghai. Pure: the server, the import and the mini-program share it.
//
// Accepted (docs/stations.md has the full description):
//   24/7                                   always open
//   Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00   rules separated by ";"
//   Mo-Su 07:00-11:00,14:00-22:00          several time ranges a day
//   Mo-Fr 22:00-06:00                      past midnight (the night ends the next morning)
//   08:00-20:00                            no day selector: every day
//   Sa off / Su closed / PH off            closed on those days
//   PH 09:00-12:00                         public holidays (the caller says which days: calendar_days)
// A later rule replaces an earlier one for the days it names (so `24/7; PH off` is closed on
// holidays, and `PH off; Mo-Fr 08:00-20:00` is open on a Monday holiday), as in OpenStreetMap.
// Hours that run past midnight still hold the next morning whatever that day's rule says.

const DAY_CODES = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;
const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const MINUTES_PER_DAY = 1440;

/** Minutes from the start of a day: [start, end), end up to 48:00 for hours past midnight. */
export type Interval = [number, number];
type Rule = { days: Set<number>; holidays: boolean; intervals: Interval[] };
export type OpeningHours = { rules: Rule[]; text: string };
export type ParseResult = { ok: true; hours: OpeningHours } | { ok: false; reason: string };

const TIME = /^(\d{1,2}):(\d{2})$/;

function parseTime(s: string, isEnd: boolean): number | null {
  const m = TIME.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > (isEnd ? 48 : 24) || (h === 24 && min > 0 && !isEnd)) return null;
  const total = h * 60 + min;
  if (!isEnd && total >= MINUTES_PER_DAY) return null;
  if (isEnd && total > 2 * MINUTES_PER_DAY) return null;
  return total;
}

function parseSelector(text: string): { days: Set<number>; holidays: boolean } | string {
  const days = new Set<number>();
  let holidays = false;
  for (const part of text.split(',')) {
    const p = part.trim();
    if (p === 'PH') {
      holidays = true;
      continue;
    }
    const range = /^([A-Z][a-z])(?:-([A-Z][a-z]))?$/.exec(p);
    if (!range) return `无法识别“${p.slice(0, 12)}”，星期请写作 Mo、Tu、We、Th、Fr、Sa、Su，节假日写作 PH`;
    const from = DAY_CODES.indexOf(range[1] as (typeof DAY_CODES)[number]);
    const to = range[2] === undefined ? from : DAY_CODES.indexOf(range[2] as (typeof DAY_CODES)[number]);
    if (from < 0 || to < 0) return `无法识别“${p}”，星期请写作 Mo、Tu、We、Th、Fr、Sa、Su`;
    // Sa-Mo wraps through Sunday, as OpenStreetMap reads it
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return { days, holidays };
}

function parseTimes(text: string): Interval[] | string {
  const out: Interval[] = [];
  for (const part of text.split(',')) {
    const m = /^(\S+?)-(\S+)$/.exec(part.trim());
    const start = m ? parseTime(m[1], false) : null;
    let end = m ? parseTime(m[2], true) : null;
    if (start === null || end === null) return `时间“${part.trim().slice(0, 20)}”格式不正确，应为 08:00-20:00`;
    if (end === start) return `时间“${part.trim()}”不正确：开始和结束时间相同，全天开放请写 00:00-24:00`;
    if (end < start) end += MINUTES_PER_DAY; // 22:00-06:00: runs into the next morning
    if (end - start > MINUTES_PER_DAY) return `时间“${part.trim()}”不正确：一段营业时间应在 24 小时以内`;
    out.push([start, end]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The text as rules; an invalid text gets a Chinese reason fit to show the person who typed it. */
export function parseOpeningHours(input: string): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: '请填写开放时间，如 24/7 或 Mo-Fr 08:00-20:00' };
  if (text.length > 200) return { ok: false, reason: '开放时间不能超过200个字符' };
  if (/[^\x20-\x7e]/.test(text)) return { ok: false, reason: '开放时间请按 OpenStreetMap 格式填写（不含中文和全角符号），如 24/7 或 Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off' };
  const rules: Rule[] = [];
  for (const raw of text.split(';')) {
    const ruleText = raw.trim().replace(/\s+/g, ' ');
    if (ruleText === '') continue;
    if (ruleText === '24/7') {
      rules.push({ days: new Set([0, 1, 2, 3, 4, 5, 6]), holidays: true, intervals: [[0, MINUTES_PER_DAY]] });
      continue;
    }
    // [selector] [times | off | closed | open]
    const m = /^((?:[A-Z][a-z](?:-[A-Z][a-z])?|PH)(?:\s*,\s*(?:[A-Z][a-z](?:-[A-Z][a-z])?|PH))*(?=\s|$))?\s*(.*)$/.exec(ruleText);
    const selectorText = m?.[1];
    const rest = (m?.[2] ?? ruleText).trim();
    let selector: { days: Set<number>; holidays: boolean };
    if (selectorText) {
      const s = parseSelector(selectorText.replace(/\s+/g, ''));
      if (typeof s === 'string') return { ok: false, reason: `开放时间格式不正确：${s}` };
      selector = s;
    } else {
      if (/^[A-Za-z]/.test(rest) && !/^(off|closed|open)$/.test(rest)) {
        return { ok: false, reason: `开放时间格式不正确：无法识别“${rest.slice(0, 12)}”，星期请写作 Mo、Tu、We、Th、Fr、Sa、Su，节假日写作 PH` };
      }
      selector = { days: new Set([0, 1, 2, 3, 4, 5, 6]), holidays: true };
    }
    let intervals: Interval[];
    if (rest === 'off' || rest === 'closed') intervals = [];
    else if (rest === '' || rest === 'open') {
      if (!selectorText) return { ok: false, reason: '开放时间格式不正确：请写明星期或时间' };
      intervals = [[0, MINUTES_PER_DAY]];
    } else {
      const t = parseTimes(rest);
      if (typeof t === 'string') return { ok: false, reason: `开放时间格式不正确：${t}` };
      intervals = t;
    }
    // A rule naming only weekdays applies on those weekdays, holiday or not; PH alone only on holidays.
    rules.push({ ...selector, intervals });
  }
  if (rules.length === 0) return { ok: false, reason: '请填写开放时间，如 24/7 或 Mo-Fr 08:00-20:00' };
  return { ok: true, hours: { rules, text } };
}

/** The day's intervals for a weekday (0 = Monday) that is or is not a public holiday: the last rule naming it. */
export function daySchedule(hours: OpeningHours, weekday: number, holiday: boolean): Interval[] {
  let intervals: Interval[] = [];
  for (const rule of hours.rules) if (rule.days.has(weekday) || (holiday && rule.holidays)) intervals = rule.intervals;
  // `PH` alone does not name a weekday: on a holiday it applies whatever the weekday
  return intervals;
}

const SHANGHAI_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** The Shanghai calendar day of an instant: its date, weekday (0 = Monday), start and the minute in it. */
export function shanghaiDay(at: Date): { date: string; weekday: number; startMs: number; minute: number } {
  const local = at.getTime() + SHANGHAI_MS;
  const dayStartLocal = Math.floor(local / DAY_MS) * DAY_MS;
  const d = new Date(dayStartLocal);
  return {
    date: d.toISOString().slice(0, 10),
    weekday: (d.getUTCDay() + 6) % 7,
    startMs: dayStartLocal - SHANGHAI_MS,
    minute: Math.floor((local - dayStartLocal) / 60_000),
  };
}

/** Is this Shanghai date ("2026-10-01") a public holiday? The server answers from calendar_days (012_join.sql). */
export type HolidayCheck = (date: string) => boolean;

/** A HolidayCheck from a list of holiday dates (Date values are read as the UTC calendar day, as the database returns them). */
export function holidaysIn(days: Iterable<string | Date>): HolidayCheck {
  const set = new Set<string>();
  for (const d of days) set.add(typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
  return (date) => set.has(date);
}

/** Absolute open periods [from, to) in ms from the day before `at` to `days` days after. */
function periods(hours: OpeningHours, at: Date, days: number, isHoliday: HolidayCheck): [number, number][] {
  const today = shanghaiDay(at);
  const out: [number, number][] = [];
  for (let k = -1; k <= days; k++) {
    const day = shanghaiDay(new Date(today.startMs + k * DAY_MS + 1));
    for (const [s, e] of daySchedule(hours, day.weekday, isHoliday(day.date))) out.push([day.startMs + s * 60_000, day.startMs + e * 60_000]);
  }
  out.sort((a, b) => a[0] - b[0]);
  // touching periods merge (Mo-Su 00:00-24:00 is one long opening, not a close at midnight)
  const merged: [number, number][] = [];
  for (const p of out) {
    const last = merged[merged.length - 1];
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([...p]);
  }
  return merged;
}

export type OpenState = { openNow: boolean; opensAt: Date | null; closesAt: Date | null };

/**
 * Open at `at`? If not, when it opens next (within a week), else null; if open, when it closes
 * (null: not within a week, e.g. 24/7).
 */
export function openState(hours: OpeningHours, at: Date, isHoliday: HolidayCheck): OpenState {
  const t = at.getTime();
  const ps = periods(hours, at, 8, isHoliday);
  const current = ps.find(([s, e]) => s <= t && t < e);
  if (current) {
    const horizon = shanghaiDay(at).startMs + 8 * DAY_MS;
    return { openNow: true, opensAt: null, closesAt: current[1] >= horizon ? null : new Date(current[1]) };
  }
  const next = ps.find(([s]) => s > t);
  return { openNow: false, opensAt: next ? new Date(next[0]) : null, closesAt: null };
}

/**
 * The hours as data the database can test (019_stations.sql, `hours_index`): for each of the 14
 * kinds of day (weekday × holiday or not) a block of 2,880 minutes holding that day's intervals,
 * past-midnight parts included. Open at an instant ⇔ the index holds today's position or the
 * previous day's position + 1,440 (its night running into today): `hoursIndexPositions`.
 */
export function hoursIndexRanges(hours: OpeningHours): Interval[] {
  const out: Interval[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (const holiday of [false, true]) {
      const base = (weekday * 2 + (holiday ? 1 : 0)) * 2 * MINUTES_PER_DAY;
      for (const [s, e] of daySchedule(hours, weekday, holiday)) out.push([base + s, base + e]);
    }
  }
  return out;
}

/** An int4multirange literal of the ranges ('{}' when always closed). */
export function hoursIndexLiteral(hours: OpeningHours): string {
  return `{${hoursIndexRanges(hours)
    .map(([s, e]) => `[${s},${e})`)
    .join(',')}}`;
}

/** The two positions to test against `hours_index` for the instant `at`. */
export function hoursIndexPositions(at: Date, isHoliday: HolidayCheck): [number, number] {
  const [todayPlain, todayHoliday, yesterdayPlain, yesterdayHoliday] = hoursIndexCandidates(at);
  const today = shanghaiDay(at);
  const yesterday = shanghaiDay(new Date(today.startMs - 1));
  return [isHoliday(today.date) ? todayHoliday : todayPlain, isHoliday(yesterday.date) ? yesterdayHoliday : yesterdayPlain];
}

/**
 * The positions for `at` whether or not today and yesterday are holidays: [today, today if a
 * holiday, yesterday's night, yesterday's night if yesterday was a holiday]. The search passes all
 * four and picks in SQL by calendar_days, so the holiday fact costs no extra round trip.
 */
export function hoursIndexCandidates(at: Date): [number, number, number, number] {
  const today = shanghaiDay(at);
  const yesterday = shanghaiDay(new Date(today.startMs - 1));
  const block = (weekday: number, holiday: boolean) => (weekday * 2 + (holiday ? 1 : 0)) * 2 * MINUTES_PER_DAY;
  return [
    block(today.weekday, false) + today.minute,
    block(today.weekday, true) + today.minute,
    block(yesterday.weekday, false) + MINUTES_PER_DAY + today.minute,
    block(yesterday.weekday, true) + MINUTES_PER_DAY + today.minute,
  ];
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The hours in Chinese for a person: "全天开放", "周一至周五 08:00-20:00；周六、周日 09:00-17:00；节假日休息". */
export function describeOpeningHours(hours: OpeningHours): string {
  if (hours.rules.length === 1 && hours.rules[0].days.size === 7 && hours.rules[0].intervals.length === 1 && hours.rules[0].intervals[0][0] === 0 && hours.rules[0].intervals[0][1] === MINUTES_PER_DAY) {
    return '全天24小时开放';
  }
  return hours.rules
    .map((r) => {
      const days = [...r.days].sort((a, b) => a - b);
      let dayText = '';
      if (days.length === 7) dayText = '每天';
      else if (days.length > 2 && days.every((d, i) => i === 0 || d === days[i - 1] + 1)) dayText = `${DAY_NAMES[days[0]]}至${DAY_NAMES[days[days.length - 1]]}`;
      else dayText = days.map((d) => DAY_NAMES[d]).join('、');
      if (r.holidays && days.length < 7) dayText = dayText ? `${dayText}、节假日` : '节假日';
      const times = r.intervals.length === 0 ? '休息' : r.intervals.map(([s, e]) => (s === 0 && e === MINUTES_PER_DAY ? '全天' : `${hhmm(s)}-${e > MINUTES_PER_DAY ? `次日${hhmm(e - MINUTES_PER_DAY)}` : hhmm(e)}`)).join('、');
      return `${dayText} ${times}`;
    })
    .join('；');
}
