import { afterEach, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatShortDateTime, formatTime, isServiceableTime, toShanghaiIso } from '../../shared/domain/time.js';

const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('times shown in Asia/Shanghai', () => {
  it('shows a UTC time eight hours later, as people in China read it', () => {
    expect(formatDateTime('2026-12-01T01:00:00Z')).toBe('2026年12月1日 09:00');
    expect(formatTime('2026-12-01T01:05:00Z')).toBe('09:05');
  });

  it('shows a time after 16:00 UTC on the next day in Shanghai', () => {
    expect(formatDateTime('2026-11-30T15:59:00Z')).toBe('2026年11月30日 23:59');
    expect(formatDateTime('2026-11-30T16:00:00Z')).toBe('2026年12月1日 00:00');
  });

  it('moves to the new year at 16:00 UTC on 31 December', () => {
    expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027年1月1日 00:00');
    expect(toShanghaiIso('2026-12-31T16:00:00Z')).toBe('2027-01-01T00:00:00+08:00');
  });

  it('shows the same wall-clock time for a value written with any offset', () => {
    const expected = '2026年12月1日 09:00';
    expect(formatDateTime('2026-12-01T09:00:00+08:00')).toBe(expected);
    expect(formatDateTime('2026-11-30T20:00:00-05:00')).toBe(expected);
    expect(formatDateTime(new Date(Date.UTC(2026, 11, 1, 1, 0)))).toBe(expected);
  });

  it('uses +08:00 all year, with no daylight saving in summer', () => {
    expect(formatTime('2026-07-01T00:00:00Z')).toBe('08:00');
    expect(formatTime('2026-01-01T00:00:00Z')).toBe('08:00');
    expect(toShanghaiIso('2026-07-01T00:00:00Z')).toBe('2026-07-01T08:00:00+08:00');
  });

  it('does not depend on the time zone of the machine or phone', () => {
    process.env.TZ = 'America/New_York';
    expect(formatDateTime('2026-07-01T03:30:00Z')).toBe('2026年7月1日 11:30');
    process.env.TZ = 'Pacific/Kiritimati';
    expect(formatDateTime('2026-07-01T03:30:00Z')).toBe('2026年7月1日 11:30');
  });

  it('shows the Shanghai weekday in the short form, which differs from the UTC one after 16:00 UTC', () => {
    expect(formatShortDateTime('2026-12-01T01:00:00Z')).toBe('12月1日 周二 09:00');
    // Monday 30 November 16:30 UTC is already Tuesday in Shanghai.
    expect(formatShortDateTime('2026-11-30T16:30:00Z')).toBe('12月1日 周二 00:30');
    expect(formatShortDateTime('2026-12-06T04:00:00Z')).toBe('12月6日 周日 12:00');
  });

  it('shows a date-only value as written, without shifting it by a time zone', () => {
    expect(formatDate('2026-01-01')).toBe('2026年1月1日');
    expect(formatDate('2026-12-31')).toBe('2026年12月31日');
  });
});

describe('API times as ISO 8601 with +08:00', () => {
  it('writes a UTC instant as the same instant in Shanghai time, seconds kept', () => {
    expect(toShanghaiIso('2026-11-30T16:00:05Z')).toBe('2026-12-01T00:00:05+08:00');
    expect(toShanghaiIso(new Date('2026-03-09T23:59:59.999Z'))).toBe('2026-03-10T07:59:59+08:00');
  });

  it('names the same instant it was given, to the second', () => {
    for (const iso of ['2026-12-01T01:00:00Z', '2000-02-29T16:00:00Z', '1999-12-31T23:59:59Z', '2026-06-15T12:34:56-07:00']) {
      const shanghai = toShanghaiIso(iso);
      expect(shanghai).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(Date.parse(shanghai)).toBe(Date.parse(iso));
    }
  });
});

describe('serviceable times (1900–2100)', () => {
  it('accepts ordinary times and the UTC edges of the range', () => {
    expect(isServiceableTime('2026-12-01T09:00:00+08:00')).toBe(true);
    expect(isServiceableTime('1900-01-01T00:00:00Z')).toBe(true);
    expect(isServiceableTime('2100-12-31T15:59:59Z')).toBe(true);
  });

  it('refuses times before 1900 or after 2100', () => {
    expect(isServiceableTime('1899-12-31T12:00:00Z')).toBe(false);
    expect(isServiceableTime('2101-01-01T12:00:00Z')).toBe(false);
    expect(isServiceableTime('9999-12-31T23:59:59Z')).toBe(false);
  });

  it('refuses a year typed with a leading zero, such as 0026 for 2026', () => {
    expect(isServiceableTime('0026-12-01T09:00:00+08:00')).toBe(false);
    expect(isServiceableTime('0001-01-01T00:00:00+08:00')).toBe(false);
  });

  it('refuses text that is not a time', () => {
    expect(isServiceableTime('')).toBe(false);
    expect(isServiceableTime('not a time')).toBe(false);
    expect(isServiceableTime('2026-13-01T00:00:00Z')).toBe(false);
  });

  // The range is about the year a person sees, and people see Asia/Shanghai time (the import's
  // message says "时间须在1900年至2100年之间"): judged in UTC instead, the edges are eight hours off.
  it('accepts the first hours of 1 January 1900 in Shanghai', () => {
    expect(isServiceableTime('1900-01-01T00:00:00+08:00')).toBe(true);
  });

  it('refuses the first hours of 1 January 2101 in Shanghai', () => {
    expect(isServiceableTime('2101-01-01T05:00:00+08:00')).toBe(false);
  });
});
