// Opening hours in OpenStreetMap syntax, evaluated in Asia/Shanghai (shared/domain/opening-hours.ts).
import { describe, expect, it } from 'vitest';
import { describeOpeningHours, holidaysIn, hoursIndexCandidates, hoursIndexPositions, hoursIndexRanges, openState, parseOpeningHours, type OpeningHours } from '../../shared/domain/opening-hours.js';
import { destinationPoint, formatDistance, gcj02ToWgs84, haversineM, wgs84ToGcj02 } from '../../shared/domain/geo.js';

function hours(text: string): OpeningHours {
  const r = parseOpeningHours(text);
  if (!r.ok) throw new Error(r.reason);
  return r.hours;
}
/** A Beijing wall-clock time as an instant. */
const bj = (local: string) => new Date(`${local}+08:00`);
/** The holidays these tests assume (the server reads them from calendar_days): National Day 2026. */
const nationalDay = holidaysIn(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
const at = (text: string, local: string) => openState(hours(text), bj(local), nationalDay);

/** What the database decides from hours_index at the positions for `when`. */
function openInIndex(text: string, when: Date): boolean {
  const ranges = hoursIndexRanges(hours(text));
  return hoursIndexPositions(when, nationalDay).some((p) => ranges.some(([s, e]) => s <= p && p < e));
}

describe('reading opening hours', () => {
  it('accepts 24/7, weekday ranges with several time ranges, off and PH rules', () => {
    for (const text of ['24/7', 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', 'Mo-Su 07:00-11:00,14:00-22:00', '08:00-20:00', 'Mo-Fr 22:00-06:00', 'Sa-Mo 10:00-16:00', '24/7; PH off', 'Mo-Fr 08:00-18:00; Sa closed; PH 09:00-12:00', 'Mo-Fr']) {
      expect(parseOpeningHours(text), text).toMatchObject({ ok: true });
    }
  });

  it('rejects what it cannot read with a reason in Chinese that names the problem', () => {
    const cases: [string, RegExp][] = [
      ['', /请填写开放时间/],
      ['周一至周五 8点到20点', /OpenStreetMap 格式/],
      ['Mon-Fri 08:00-20:00', /无法识别“Mon-Fri/],
      ['Mo-Fr 08:00-25:70', /时间“08:00-25:70”格式不正确/],
      ['Mo-Fr 08:00', /格式不正确/],
      ['Mo-Xy 08:00-20:00', /星期请写作/],
      ['Mo-Fr 08:00-08:00', /开始和结束时间相同/],
      ['Mo-Fr 20:00-48:00', /24 小时以内/],
    ];
    for (const [text, reason] of cases) {
      const r = parseOpeningHours(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.reason, text).toMatch(reason);
        expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('describes the hours in Chinese words', () => {
    expect(describeOpeningHours(hours('24/7'))).toBe('全天24小时开放');
    expect(describeOpeningHours(hours('Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off'))).toBe('周一至周五 08:00-20:00；周六、周日 09:00-17:00；节假日 休息');
    expect(describeOpeningHours(hours('Mo-Fr 22:00-06:00'))).toBe('周一至周五 22:00-次日06:00');
  });
});

describe('open now, and when it opens', () => {
  const weekly = 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off';

  it('is open inside a weekday range and closed outside it, in Beijing time whatever the machine’s zone', () => {
    // 2026-12-02 is a Wednesday
    expect(at(weekly, '2026-12-02T08:00:00')).toMatchObject({ openNow: true });
    expect(at(weekly, '2026-12-02T19:59:00').openNow).toBe(true);
    expect(at(weekly, '2026-12-02T20:00:00').openNow).toBe(false);
    expect(at(weekly, '2026-12-02T07:59:00')).toEqual({ openNow: false, opensAt: bj('2026-12-02T08:00:00'), closesAt: null });
    expect(at(weekly, '2026-12-02T12:00:00').closesAt).toEqual(bj('2026-12-02T20:00:00'));
  });

  it('gives the weekend its own hours and tells a Friday evening that it opens Saturday at nine', () => {
    expect(at(weekly, '2026-12-05T09:30:00').openNow).toBe(true); // Saturday
    expect(at(weekly, '2026-12-05T17:30:00').openNow).toBe(false);
    expect(at(weekly, '2026-12-04T21:00:00').opensAt).toEqual(bj('2026-12-05T09:00:00'));
  });

  it('is closed on a public holiday with PH off, even on a weekday, and open again after it', () => {
    // National Day 2026-10-01 is a Thursday; the holiday runs to 10-07 (Wednesday)
    // the holiday is a fact the caller gives: the same Thursday without it is an ordinary weekday
    expect(openState(hours('Mo-Fr 08:00-20:00; PH off'), bj('2026-10-01T10:00:00'), holidaysIn([])).openNow).toBe(true);
    expect(openState(hours('Mo-Fr 08:00-20:00; PH off'), bj('2026-10-01T10:00:00'), holidaysIn([new Date('2026-10-01T00:00:00Z')])).openNow).toBe(false);
    expect(at(weekly, '2026-10-01T10:00:00')).toMatchObject({ openNow: false, opensAt: bj('2026-10-08T08:00:00') });
    expect(at(weekly, '2026-10-08T10:00:00').openNow).toBe(true);
    expect(at('Mo-Fr 08:00-20:00', '2026-10-01T10:00:00').openNow).toBe(true); // no PH rule: the weekday's hours
  });

  it('lets a later rule win: 24/7 with PH off closes on holidays only', () => {
    expect(at('24/7; PH off', '2026-10-02T03:00:00').openNow).toBe(false);
    expect(at('24/7; PH off', '2026-09-30T03:00:00')).toEqual({ openNow: true, opensAt: null, closesAt: bj('2026-10-01T00:00:00') });
    expect(at('24/7', '2026-10-02T03:00:00')).toEqual({ openNow: true, opensAt: null, closesAt: null });
  });

  it('keeps a night range open past midnight into the next morning', () => {
    const night = 'Mo-Fr 22:00-06:00';
    expect(at(night, '2026-12-02T23:00:00').openNow).toBe(true);
    expect(at(night, '2026-12-03T05:59:00').openNow).toBe(true); // Wednesday's night, Thursday morning
    expect(at(night, '2026-12-05T05:00:00').openNow).toBe(true); // Friday's night, Saturday morning
    expect(at(night, '2026-12-06T05:00:00').openNow).toBe(false); // no Saturday night
    expect(at(night, '2026-12-03T06:00:00').opensAt).toEqual(bj('2026-12-03T22:00:00'));
  });

  it('handles two ranges a day, with the gap between them closed', () => {
    const split = 'Mo-Su 07:00-11:00,14:00-22:00';
    expect(at(split, '2026-12-02T10:59:00').openNow).toBe(true);
    expect(at(split, '2026-12-02T12:00:00')).toEqual({ openNow: false, opensAt: bj('2026-12-02T14:00:00'), closesAt: null });
  });

  it('says nothing about opening when it never opens', () => {
    expect(at('Mo-Su off', '2026-12-02T12:00:00')).toEqual({ openNow: false, opensAt: null, closesAt: null });
  });

  it('offers the search both positions for today and for last night, holiday or not, and picks by the holiday facts', () => {
    const when = bj('2026-10-01T10:00:00'); // a holiday after an ordinary Wednesday
    const [todayPlain, todayHoliday, nightPlain, nightHoliday] = hoursIndexCandidates(when);
    expect(hoursIndexPositions(when, nationalDay)).toEqual([todayHoliday, nightPlain]);
    expect(hoursIndexPositions(when, holidaysIn([]))).toEqual([todayPlain, nightPlain]);
    expect(hoursIndexPositions(when, holidaysIn(['2026-09-30', '2026-10-01']))).toEqual([todayHoliday, nightHoliday]);
  });

  it('decides open or closed in the database form exactly as the evaluator does, minute by minute over holidays and nights', () => {
    const texts = ['24/7', 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', 'Mo-Fr 22:00-06:00; PH 10:00-12:00', '24/7; PH off', 'Sa-Mo 10:00-16:00', 'PH off; Mo-Fr 08:00-20:00'];
    // 2026-09-30 to 2026-10-09 spans the National Day holiday, a weekend and its nights; every 7 minutes
    for (const text of texts) {
      for (let t = bj('2026-09-30T00:00:00').getTime(); t < bj('2026-10-09T00:00:00').getTime(); t += 7 * 60_000) {
        const when = new Date(t);
        expect(openInIndex(text, when), `${text} at ${when.toISOString()}`).toBe(openState(hours(text), when, nationalDay).openNow);
      }
    }
  });
});

describe('working days and distances', () => {
  it('measures distances on the contract’s sphere and places points at an exact distance', () => {
    const p = destinationPoint(34.7466, 113.6253, 4990, 37);
    expect(haversineM(34.7466, 113.6253, p.lat, p.lng)).toBeCloseTo(4990, 6);
    // one degree of latitude on a sphere of 6,371,008.8 m
    expect(haversineM(34, 113, 35, 113)).toBeCloseTo((6_371_008.8 * Math.PI) / 180, 6);
    // a browser's WGS-84 fix converted to GCJ-02 lands a few hundred metres away in Zhengzhou, and back
    const g = wgs84ToGcj02(34.8, 113.66);
    expect(haversineM(34.8, 113.66, g.lat, g.lng)).toBeGreaterThan(200);
    expect(haversineM(34.8, 113.66, g.lat, g.lng)).toBeLessThan(800);
    const back = gcj02ToWgs84(g.lat, g.lng);
    expect(haversineM(34.8, 113.66, back.lat, back.lng)).toBeLessThan(0.01);
    expect(formatDistance(850)).toBe('850 米');
    expect(formatDistance(1234)).toBe('1.2 公里');
  });
});
