// Is next year's working-day calendar entered? (shared/domain/calendar.ts: the one decision behind
// the reminder on the office home and on 节假日设置)
import { describe, expect, it } from 'vitest';
import { calendarWarning, isMakeUpWorkday, isWeekend, shanghaiDate, yearToCheck, type CalendarEntry } from '../../shared/domain/calendar.js';

const holidays2027: CalendarEntry[] = [
  { day: '2027-01-01', workday: false, name: '元旦' },
  { day: '2027-02-06', workday: false, name: '春节' },
  { day: '2027-10-01', workday: false, name: '国庆节' },
];

describe('the reminder that next year is not entered yet', () => {
  it('says nothing before December, however empty next year is', () => {
    expect(calendarWarning('2026-11-30', [])).toBeNull();
    expect(calendarWarning('2026-01-15', [])).toBeNull();
  });

  it('from 1 December on, names next year when only its statutory holidays are there (no 调休 working weekend day)', () => {
    expect(calendarWarning('2026-12-01', holidays2027)).toEqual({ year: 2027, message: '2027年的调休安排尚未录入' });
    expect(calendarWarning('2026-12-31', holidays2027)).toEqual({ year: 2027, message: '2027年的调休安排尚未录入' });
  });

  it('is gone once one Saturday or Sunday of next year is a working day', () => {
    // 2027-02-14 is a Sunday
    expect(calendarWarning('2026-12-01', [...holidays2027, { day: '2027-02-14', workday: true, name: '春节调休上班' }])).toBeNull();
  });

  it('does not count a weekday declared a working day, nor a weekend holiday, nor this year\'s 调休 days', () => {
    const days: CalendarEntry[] = [
      ...holidays2027,
      { day: '2027-02-15', workday: true, name: '周一上班' }, // a Monday: ordinary anyway
      { day: '2027-02-07', workday: false, name: '春节' }, // a Sunday off: ordinary anyway
      { day: '2026-02-14', workday: true, name: '春节调休上班' }, // this year's
    ];
    expect(calendarWarning('2026-12-10', days)?.message).toBe('2027年的调休安排尚未录入');
  });

  it('says that nothing is entered when next year has no day at all', () => {
    expect(calendarWarning('2027-12-01', holidays2027)).toEqual({ year: 2028, message: '2028年的节假日尚未录入' });
  });
});

describe('dates in Shanghai', () => {
  it('checks the next year from the Shanghai date: 16:00 UTC on 30 November is already December', () => {
    expect(shanghaiDate('2026-11-30T15:59:59Z')).toBe('2026-11-30');
    expect(shanghaiDate('2026-11-30T16:00:00Z')).toBe('2026-12-01');
    expect(yearToCheck(shanghaiDate('2026-11-30T16:00:00Z'))).toBe(2027);
    expect(yearToCheck('2026-11-30')).toBeNull();
  });

  it('knows Saturdays and Sundays', () => {
    expect(['2027-02-13', '2027-02-14', '2027-02-15'].map(isWeekend)).toEqual([true, true, false]);
    expect(isMakeUpWorkday({ day: '2027-02-13', workday: true, name: '班' })).toBe(true);
    expect(isMakeUpWorkday({ day: '2027-02-13', workday: false, name: '休' })).toBe(false);
  });
});
