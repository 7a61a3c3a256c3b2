// 节假日设置's page logic (miniapp/src/packages/office/calendar/calendar-model.ts), without rendering.
import { describe, expect, it } from 'vitest';
import {
  dayLabel,
  entryName,
  formDays,
  groupEntries,
  monthGrid,
  ofYear,
  overwritten,
  pickDay,
  runLabel,
  switchKind,
  yearChoices,
  type EntryForm,
} from '../../miniapp/src/packages/office/calendar/calendar-model';
import type { CalendarEntry } from '../../shared/domain/calendar.js';

const off = (day: string, name: string): CalendarEntry => ({ day, workday: false, name });
const work = (day: string, name: string): CalendarEntry => ({ day, workday: true, name });
const form = (o: Partial<EntryForm>): EntryForm => ({ kind: 'off', from: '', to: '', name: '', ...o });

describe('what the form writes', () => {
  it('writes every day of a 休 range, both ends included', () => {
    const built = formDays(form({ from: '2027-02-05', to: '2027-02-08', name: '春节' }));
    expect(built).toEqual({ days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'].map((d) => off(d, '春节')) });
  });

  it('crosses a month end in a range', () => {
    const built = formDays(form({ from: '2027-04-30', to: '2027-05-02', name: '劳动节' }));
    expect('days' in built && built.days.map((d) => d.day)).toEqual(['2027-04-30', '2027-05-01', '2027-05-02']);
  });

  it('writes one day for 班, whatever the end date says', () => {
    expect(formDays(form({ kind: 'work', from: '2027-02-14', to: '2027-02-20', name: '春节调休上班' }))).toEqual({ days: [work('2027-02-14', '春节调休上班')] });
  });

  it('refuses a form with a Chinese sentence instead of sending half of it', () => {
    expect(formDays(form({ name: '春节' }))).toEqual({ error: '请选择日期' });
    expect(formDays(form({ from: '2027-02-05', name: '  ' }))).toEqual({ error: '请填写名称，如 春节' });
    expect(formDays(form({ from: '2027-02-08', to: '2027-02-05', name: '春节' }))).toEqual({ error: '结束日期不能早于开始日期' });
    expect(formDays(form({ from: '2027-12-31', to: '2028-01-01', name: '元旦' }))).toEqual({ error: '请按年分别录入' });
    expect(formDays(form({ from: '2027-01-01', to: '2027-03-01', name: '太长' }))).toEqual({ error: '一次最多录入31天' });
    expect(formDays(form({ from: '2027-01-01', name: '名'.repeat(31) }))).toEqual({ error: '名称不能超过30个字' });
    // 2027-02-15 is a Monday: working anyway
    expect(formDays(form({ kind: 'work', from: '2027-02-15', name: '春节调休上班' }))).toEqual({ error: '调休上班日应是周六或周日，请检查日期' });
  });

  it('names a 班 day after its holiday, and keeps the holiday when switching between 休 and 班', () => {
    expect(entryName('work', '春节')).toBe('春节调休上班');
    expect(entryName('off', '春节')).toBe('春节');
    expect(entryName('work', '春节调休上班')).toBe('春节调休上班');
    expect(switchKind(form({ name: '国庆节', from: '2027-10-01', to: '2027-10-07' }), 'work')).toEqual(form({ kind: 'work', name: '国庆节调休上班', from: '2027-10-01', to: '2027-10-01' }));
    expect(switchKind(form({ kind: 'work', name: '国庆节调休上班' }), 'off').name).toBe('国庆节');
    expect(switchKind(form({ name: '厂庆' }), 'work').name).toBe('厂庆');
  });

  it('lists the days a save would change to another meaning or name, and not those it writes again unchanged', () => {
    const existing = [off('2027-02-06', '春节'), off('2027-02-07', '春节'), off('2027-02-14', '春节')];
    expect(overwritten(existing, [off('2027-02-06', '春节'), work('2027-02-14', '春节调休上班'), off('2027-02-09', '春节')])).toEqual([off('2027-02-14', '春节')]);
  });
});

describe('what the page shows', () => {
  const items = [off('2027-02-05', '春节'), off('2027-02-06', '春节'), off('2027-02-07', '春节'), work('2027-02-14', '春节调休上班'), off('2027-02-10', '春节'), off('2027-01-01', '元旦'), off('2028-01-01', '元旦')];

  it('groups a year by holiday, in the order of their first day, with consecutive days as runs', () => {
    const groups = groupEntries(ofYear(items, 2027));
    expect(groups.map((g) => [g.name, g.workday, g.days.length])).toEqual([
      ['元旦', false, 1],
      ['春节', false, 4],
      ['春节调休上班', true, 1],
    ]);
    expect(groups[1].runs.map(runLabel)).toEqual(['2月5日—2月7日（3天）', '2月10日 周三']);
  });

  it('lays a month out Monday first, marking 休 and 班 and which days are worked', () => {
    const weeks = monthGrid(2027, 2, items);
    // 2027-02-01 is a Monday; February 2027 has 28 days: four full weeks
    expect(weeks).toHaveLength(4);
    expect(weeks[0][0]?.day).toBe('2027-02-01');
    const cell = (d: string) => weeks.flat().find((c) => c?.day === d);
    expect(cell('2027-02-05')).toMatchObject({ working: false, entry: off('2027-02-05', '春节') });
    expect(cell('2027-02-14')).toMatchObject({ weekend: true, working: true });
    expect(cell('2027-02-13')).toMatchObject({ weekend: true, working: false, entry: null });
    expect(cell('2027-02-15')).toMatchObject({ weekend: false, working: true, entry: null });
    // March 2027 starts on a Monday too and has 31 days: five weeks, the last with 3 days
    const march = monthGrid(2027, 3, []);
    expect(march[4].filter(Boolean)).toHaveLength(3);
    // a month starting on Sunday leads with six empty cells
    expect(monthGrid(2026, 11, [])[0].slice(0, 6)).toEqual([null, null, null, null, null, null]);
  });

  it('picks a range by two taps in the month view, and starts again on a third', () => {
    let f = pickDay(form({ name: '春节' }), '2027-02-09');
    expect([f.from, f.to]).toEqual(['2027-02-09', '2027-02-09']);
    f = pickDay(f, '2027-02-11');
    expect([f.from, f.to]).toEqual(['2027-02-09', '2027-02-11']);
    f = pickDay(f, '2027-02-20');
    expect([f.from, f.to]).toEqual(['2027-02-20', '2027-02-20']);
    // an earlier day starts again; a 班 day is always one day
    expect(pickDay(form({ from: '2027-02-09', to: '2027-02-09' }), '2027-02-01')).toMatchObject({ from: '2027-02-01', to: '2027-02-01' });
    expect(pickDay(form({ kind: 'work', from: '2027-02-13', to: '2027-02-13' }), '2027-02-14')).toMatchObject({ from: '2027-02-14', to: '2027-02-14' });
  });

  it('labels days with their weekday and offers this year and the next two', () => {
    expect(dayLabel('2027-02-14')).toBe('2月14日 周日');
    expect(yearChoices(2026)).toEqual([2026, 2027, 2028]);
  });
});
