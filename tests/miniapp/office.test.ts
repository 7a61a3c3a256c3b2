// The office sub-package's logic (issue #14) and the home tab's, run without rendering.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutChart, labelStride, niceScale } from '../../miniapp/src/packages/office/chart/layout';
import { rejectionPlace } from '../../miniapp/src/packages/office/import-result';
import { officeSections, pickableOrgs, treeOrder } from '../../miniapp/src/packages/office/sections';
import { orgsUnder } from '../../miniapp/src/utils/orgs';
import { categorySpec, checkinSpec, clockLabel, monthSpec, rateText, shanghaiMonth, shiftMonth, signupSpec } from '../../miniapp/src/packages/office/stats-model';
import { formatOf, importPath } from '../../miniapp/src/packages/office/upload';
import { pagesOf, servicesIn } from '../../miniapp/src/services/home-services';
import { matchesTitle } from '../../miniapp/src/hooks/use-activities';
import { currentPageUrl, hasOfficeRole } from '../../miniapp/src/services/session';
import { retryHelps } from '../../miniapp/src/hooks/resource';
import { CATEGORY_LABELS } from '../../shared/domain/activities';
import { ZActivityStats, ZAttendanceStats, ZSpreadsheetImportResult } from '../../shared/schemas';

const ORGS = [
  { id: '1', name: '郑州市总工会', parentId: null },
  { id: '2', name: '金水区总工会', parentId: '1' },
  { id: '3', name: '郑州圆方集团工会', parentId: '2' },
  { id: '4', name: '二七区总工会', parentId: '1' },
  { id: '5', name: '郑州百货大楼工会', parentId: '4' },
];

describe('who sees which office pages', () => {
  it('an admin sees every section, service keys and the union tree included', () => {
    expect(officeSections([{ role: 'admin', orgId: null }])).toEqual(['join', 'transfers', 'import_members', 'import_coverage', 'import_claims', 'members', 'claims', 'orgs', 'stats', 'keys', 'aid', 'station_reports', 'import_stations', 'station_reliability', 'calendar']);
  });
  it('a cadre imports the roster, looks up members and sees statistics, but neither claims nor keys', () => {
    expect(officeSections([{ role: 'cadre', orgId: '2' }])).toEqual(['join', 'transfers', 'import_members', 'members', 'stats', 'aid', 'station_reports', 'import_stations', 'station_reliability']);
  });
  it('a claims officer imports coverage and claims and looks claims up, nothing about the roster', () => {
    expect(officeSections([{ role: 'claims_officer', orgId: null }])).toEqual(['import_coverage', 'import_claims', 'claims']);
  });
  it('a member and a verifier get no office entry', () => {
    expect(officeSections([])).toEqual([]);
    expect(officeSections([{ role: 'verifier', orgId: null }])).toEqual([]);
    expect(hasOfficeRole({ id: '1', roles: [], memberId: '3' })).toBe(false);
    expect(hasOfficeRole({ id: '1', roles: [{ role: 'claims_officer', orgId: null }], memberId: null })).toBe(true);
  });
  it('a cadre picks among their union and the unions below it; an admin among all', () => {
    expect(pickableOrgs(ORGS, [{ role: 'cadre', orgId: '2' }]).map((o) => o.id)).toEqual(['2', '3']);
    expect(pickableOrgs(ORGS, [{ role: 'admin', orgId: null }])).toHaveLength(5);
  });
  it('the union tree lists each union after its parent, one level deeper', () => {
    expect(treeOrder(ORGS).map((r) => `${r.depth}:${r.org.id}`)).toEqual(['0:1', '1:2', '2:3', '1:4', '2:5']);
  });
});

describe('imports', () => {
  it('only .xlsx and .csv files are sent, to the endpoint of their format', () => {
    expect(formatOf('会员名册.XLSX')).toBe('xlsx');
    expect(formatOf('claims.csv')).toBe('csv');
    expect(formatOf('旧表格.xls')).toBeNull();
    expect(importPath('members', 'xlsx')).toBe('/admin/members/import.xlsx');
    expect(importPath('claims', 'csv')).toBe('/admin/claims/import.csv');
    expect(importPath('aidPayments', 'xlsx')).toBe('/admin/aid-applications/payments/import.xlsx');
    expect(importPath('aidPayments', 'csv')).toBe('/admin/aid-applications/payments/import.csv');
  });
  it('a rejected row is named by its spreadsheet row and column', () => {
    expect(rejectionPlace({ index: 3, row: 5, column: '身份证号', code: 'VALIDATION_FAILED', message: '身份证号码格式或校验位不正确' })).toBe('第 5 行 · 身份证号');
    expect(rejectionPlace({ index: 0, code: 'VALIDATION_FAILED', message: 'x' })).toBe('第 2 行');
  });
  it('the import answer is read with and without the spreadsheet details', () => {
    expect(ZSpreadsheetImportResult.safeParse({ created: 1, updated: 0, landed: [{ index: 0, id: '9' }], rejected: [] }).success).toBe(true);
    expect(ZSpreadsheetImportResult.safeParse({ created: 1, updated: 0, unchanged: 2, landed: [], rejected: [{ index: 1, row: 3, column: '手机号', code: 'VALIDATION_FAILED', message: '手机号码格式不正确' }] }).success).toBe(true);
  });
});

describe('charts', () => {
  it('axis steps are 1, 2 or 5 times a power of ten, whole numbers, with the top at or above the largest value', () => {
    for (const max of [0, 1, 3, 7, 12, 49, 50, 51, 380, 9999]) {
      const { top, step } = niceScale(max);
      expect(top).toBeGreaterThanOrEqual(max);
      expect(Number.isInteger(step) && step >= 1).toBe(true);
      expect(String(step)).toMatch(/^[125]0*$/);
    }
  });
  it('labels are thinned out so that they never run into each other', () => {
    expect(labelStride(10, 300, 30)).toBe(1);
    expect(labelStride(24, 300, 40)).toBe(4);
  });
  it('a bar chart draws one bar per non-zero value, inside the plot, taller for more', () => {
    const shapes = layoutChart({ kind: 'bar', labels: ['讲座', '比赛'], series: [{ name: '报名', color: 'red', values: [10, 40] }] }, { width: 300, height: 200, fontSize: 11 });
    const bars = shapes.filter((s) => s.type === 'rect') as { x: number; y: number; w: number; h: number }[];
    expect(bars).toHaveLength(2);
    expect(bars[1].h).toBeGreaterThan(bars[0].h * 3.9);
    for (const b of bars) expect(b.x >= 0 && b.x + b.w <= 300 && b.y >= 0 && b.y + b.h <= 200).toBe(true);
  });
  it('a line chart joins every point from left to right', () => {
    const shapes = layoutChart({ kind: 'line', labels: ['9月', '10月', '11月'], series: [{ name: '签到', color: 'green', values: [5, 0, 9] }] }, { width: 300, height: 200, fontSize: 11 });
    const line = shapes.find((s) => s.type === 'line') as { points: [number, number][] };
    expect(line.points).toHaveLength(3);
    expect(line.points[0][0]).toBeLessThan(line.points[1][0]);
    expect(line.points[1][1]).toBeGreaterThan(line.points[0][1]); // 0 is drawn lower than 5
  });
});

describe('活动统计', () => {
  it('months are Asia/Shanghai months and step across years', () => {
    expect(shanghaiMonth('2026-11-30T16:30:00Z')).toBe('2026-12');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(rateText(0.125)).toBe('13%');
  });
  it('the attendance answer becomes a bar chart by category and a line by month, oldest month first', () => {
    const figures = { activities: 2, registrations: 30, checkins: 24, noShowRate: 0.2 };
    const stats = ZAttendanceStats.parse({
      orgId: '2',
      month: '2026-11',
      totals: figures,
      byCategory: [
        { category: 'lecture', ...figures },
        { category: 'tour', activities: 0, registrations: 0, checkins: 0, noShowRate: 0 },
      ],
      byMonth: [
        { month: '2026-11', ...figures },
        { month: '2026-10', ...figures, registrations: 10 },
      ],
    });
    expect(categorySpec(stats).labels).toEqual([CATEGORY_LABELS.lecture]);
    const byMonth = monthSpec(stats);
    expect(byMonth.labels).toEqual(['10月', '11月']);
    expect(byMonth.series[0].values).toEqual([10, 30]);
  });
  it('an activity’s curves: sign-ups by hour, check-ins per 10 minutes in Shanghai time', () => {
    const s = ZActivityStats.parse({
      activityId: '8',
      signups: [{ at: '2026-11-28T02:00:00Z', count: 3 }, { at: '2026-11-28T01:00:00Z', count: 1 }],
      checkins: [{ at: '2026-12-10T01:10:00Z', count: 4 }],
    });
    expect(signupSpec(s).series[0].values).toEqual([1, 3]);
    expect(checkinSpec(s).labels).toEqual(['09:10']);
    expect(clockLabel('2026-12-10T01:50:00Z')).toBe('09:50');
  });
});

describe('home tab and navigation', () => {
  it('the home tab offers a service only when its page is in app.config.ts', () => {
    const config = readFileSync('miniapp/src/app.config.ts', 'utf8');
    const pages = [...config.matchAll(/'(pages\/[\w-]+\/index)'/g)].map((m) => m[1]);
    const shown = servicesIn(pages).map((s) => s.title);
    expect(shown).toContain('活动');
    expect(shown).toContain('互助保障');
    for (const s of servicesIn(pages)) expect(pages).toContain(s.page);
    expect(servicesIn(['pages/activities/index']).map((s) => s.key)).toEqual(['activities']);
  });
  it('sub-package pages count as pages of the app', () => {
    expect(pagesOf({ pages: ['pages/a/index'], subPackages: [{ root: 'packages/office', pages: ['index/index'] }] })).toEqual(['pages/a/index', 'packages/office/index/index']);
  });
  it('the search matches every typed word in the title, ignoring case and spaces', () => {
    expect(matchesTitle('职工合唱团新春排练', ' 合唱  排练 ')).toBe(true);
    expect(matchesTitle('职工合唱团新春排练', '登山')).toBe(false);
    expect(matchesTitle('Python 入门讲座', 'python')).toBe(true);
  });
  it('the page a logged-out person opened is kept with its query, without Taro’s own keys', () => {
    expect(currentPageUrl({ route: 'pages/activity/index', options: { id: '7' } })).toBe('/pages/activity/index?id=7');
    expect(currentPageUrl({ route: '/pages/activity/index', $taroParams: { id: '7', $taroTimestamp: '1', stamp: '2' } })).toBe('/pages/activity/index?id=7');
  });
  it('重试 is offered for failures that may pass, not for one the person must act on', () => {
    expect(retryHelps('NETWORK')).toBe(true);
    expect(retryHelps('UNAVAILABLE')).toBe(true);
    expect(retryHelps('NOT_A_MEMBER')).toBe(false);
    expect(retryHelps('FORBIDDEN')).toBe(false);
  });
});

describe('orgsUnder (one subtree walk for the office and the activity form)', () => {
  it('lists each root then the unions below it, each once, and nothing outside', () => {
    const orgs = [
      { id: '1', parentId: null },
      { id: '2', parentId: '1' },
      { id: '3', parentId: '2' },
      { id: '4', parentId: '1' },
      { id: '5', parentId: null },
    ];
    expect(orgsUnder(orgs, ['2']).map((o) => o.id)).toEqual(['2', '3']);
    expect(orgsUnder(orgs, ['1', '2']).map((o) => o.id)).toEqual(['1', '2', '3', '4']);
    expect(orgsUnder(orgs, ['5', '3']).map((o) => o.id)).toEqual(['3', '5']);
    expect(orgsUnder(orgs, [])).toEqual([]);
  });
});
