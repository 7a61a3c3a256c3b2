// The working-day calendar an admin keeps (issue #15, docs/api-extensions.md "Working-day
// calendar"): adding, correcting and removing days, who may, and that every deadline computed
// afterwards counts with the calendar as it then is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { getConfig } from '../../functions/_lib/config.js';
import { submitJoinApplication } from '../../functions/_lib/services/join/submit-join-application.js';
import { ZCalendarDayList } from '../../shared/schemas.js';

let api: TestApi;
let unionId: string;
let n = 0;

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.admin();
  const res = await api.post('/api/admin/orgs', { token: admin.token, body: { name: `日历测试工会${process.pid % 1000}`, kind: 'city' } });
  expect(res.status, res.text).toBe(201);
  unionId = res.body.id;
});
afterAll(async () => {
  await api.close();
});

/** The Shanghai date of a deadline. */
const shanghaiDay = (at: Date | string) => new Date(new Date(at).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** The review deadline the join service gives an application submitted at `at` (Asia/Shanghai). */
async function reviewDue(at: string): Promise<string> {
  const applicant = await api.user();
  const app = await submitJoinApplication({
    db: api.db,
    userId: applicant.userId,
    body: { orgId: unionId, name: `日历申请人${++n}`, idNumber: newIdNumber(), channel: 'employer', employer: '郑州某公司' } as never,
    config: getConfig(),
    wechat: null,
    now: new Date(at),
  });
  return shanghaiDay(app.reviewDueAt);
}

async function workingDaysAfter(at: string, days: number): Promise<string> {
  const { rows } = await api.db.query<{ due: Date }>('select working_days_after($1::timestamptz, $2) as due', [at, days]);
  return shanghaiDay(rows[0].due);
}

async function post(path: string, token: string, body: unknown) {
  return api.post(path, { token, body });
}

describe('changing the calendar changes the deadlines computed afterwards', () => {
  it('a new 调休 working Saturday brings a join review deadline earlier, and removing it puts the deadline back', async () => {
    const admin = await api.admin();
    // Mon 2027-03-15: 16, 17, 18, 19 (Fri), 22 (Mon)
    expect(await reviewDue('2027-03-15T10:00:00+08:00')).toBe('2027-03-22');
    const added = await post('/api/admin/calendar-days', admin.token, { days: [{ day: '2027-03-20', workday: true, name: '测试调休上班' }] });
    expect(added.status, added.text).toBe(200);
    // now Saturday 03-20 is the fifth working day
    expect(await reviewDue('2027-03-15T10:00:00+08:00')).toBe('2027-03-20');
    const removed = await post('/api/admin/calendar-days/remove', admin.token, { days: ['2027-03-20'] });
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.items).toEqual([{ day: '2027-03-20', workday: true, name: '测试调休上班' }]);
    expect(await reviewDue('2027-03-15T10:00:00+08:00')).toBe('2027-03-22');
  });

  it('a removed holiday counts as a working day again: the deadline comes a day earlier', async () => {
    const admin = await api.admin();
    // Thu 2027-09-30: Fri 10-01 is 国庆节 (seeded), Sat/Sun 2, 3 too → 4, 5, 6, 7, 8
    expect(await reviewDue('2027-09-30T10:00:00+08:00')).toBe('2027-10-08');
    expect(await workingDaysAfter('2027-09-30T10:00:00+08:00', 5)).toBe('2027-10-08');
    const res = await post('/api/admin/calendar-days/remove', admin.token, { days: ['2027-10-01'] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toEqual([{ day: '2027-10-01', workday: false, name: '国庆节' }]);
    // 10-01 works again: 1, 4, 5, 6, 7
    expect(await reviewDue('2027-09-30T10:00:00+08:00')).toBe('2027-10-07');
    expect(await workingDaysAfter('2027-09-30T10:00:00+08:00', 5)).toBe('2027-10-07');
  });

  it('a deadline already given is not moved by a later change', async () => {
    const admin = await api.admin();
    const applicant = await api.user();
    const app = await submitJoinApplication({
      db: api.db,
      userId: applicant.userId,
      body: { orgId: unionId, name: '已告知申请人', idNumber: newIdNumber(), channel: 'employer', employer: '郑州某公司' } as never,
      config: getConfig(),
      wechat: null,
      now: new Date('2027-05-10T10:00:00+08:00'),
    });
    expect(shanghaiDay(app.reviewDueAt)).toBe('2027-05-17');
    expect((await post('/api/admin/calendar-days', admin.token, { days: [{ day: '2027-05-15', workday: true, name: '测试调休上班' }] })).status).toBe(200);
    const { rows } = await api.db.query<{ due: Date }>('select review_due_at as due from join_applications where id = $1', [app.id]);
    expect(shanghaiDay(rows[0].due)).toBe('2027-05-17');
  });
});

describe('correcting and removing days', () => {
  it('corrects a day by writing it again: 休 becomes 班 with its new name', async () => {
    const admin = await api.admin();
    expect((await post('/api/admin/calendar-days', admin.token, { days: [{ day: '2028-01-29', workday: false, name: '春节' }] })).status).toBe(200);
    const res = await post('/api/admin/calendar-days', admin.token, { days: [{ day: '2028-01-29', workday: true, name: '春节调休上班' }] });
    expect(res.status, res.text).toBe(200);
    const listed = ZCalendarDayList.parse((await api.get('/api/admin/calendar-days?year=2028', { token: admin.token })).body);
    expect(listed.items.filter((d) => d.day === '2028-01-29')).toEqual([{ day: '2028-01-29', workday: true, name: '春节调休上班' }]);
  });

  it('removes several days at once, leaves days that were never entered alone, and writes an audit row with the days removed', async () => {
    const admin = await api.admin();
    const days = ['2028-02-01', '2028-02-02', '2028-02-03'].map((day) => ({ day, workday: false, name: '测试春节' }));
    expect((await post('/api/admin/calendar-days', admin.token, { days })).status).toBe(200);
    // 2028-02-04 was never entered: nothing to remove there
    const res = await post('/api/admin/calendar-days/remove', admin.token, { days: ['2028-02-03', '2028-02-01', '2028-02-04', '2028-02-02'] });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items.map((d: { day: string }) => d.day)).toEqual(['2028-02-01', '2028-02-02', '2028-02-03']);
    expect(await api.count('calendar_days', `day between '2028-02-01' and '2028-02-04'`)).toBe(0);
    const { rows } = await api.db.query<{ detail: { days: string[] } }>(
      `select detail from audit_log where action = 'calendar.days.remove' and actor_user_id = $1`,
      [admin.userId],
    );
    expect(rows.map((r) => r.detail.days)).toEqual([['2028-02-01', '2028-02-02', '2028-02-03']]);
    // removing them again removes nothing and still answers 200
    const again = await post('/api/admin/calendar-days/remove', admin.token, { days: ['2028-02-01'] });
    expect(again.status).toBe(200);
    expect(again.body.items).toEqual([]);
  });

  it('writes an audit row for days added, naming the days', async () => {
    const admin = await api.admin();
    expect((await post('/api/admin/calendar-days', admin.token, { days: [{ day: '2028-05-01', workday: false, name: '劳动节' }] })).status).toBe(200);
    const { rows } = await api.db.query<{ detail: { days: string[] } }>(`select detail from audit_log where action = 'calendar.days' and actor_user_id = $1`, [admin.userId]);
    expect(rows.map((r) => r.detail.days)).toEqual([['2028-05-01']]);
  });
});

describe('who may keep the calendar, and what it refuses', () => {
  it('a cadre may read it but neither add nor remove a day; a member may not read it', async () => {
    const cadre = await api.cadre(unionId);
    const member = await api.memberUser({ orgId: unionId });
    expect((await api.get('/api/admin/calendar-days?year=2027', { token: cadre.token })).status).toBe(200);
    expect((await post('/api/admin/calendar-days', cadre.token, { days: [{ day: '2029-01-02', workday: false, name: '干部假日' }] })).status).toBe(403);
    expect((await post('/api/admin/calendar-days/remove', cadre.token, { days: ['2027-01-01'] })).status).toBe(403);
    expect((await api.get('/api/admin/calendar-days?year=2027', { token: member.token })).status).toBe(403);
    expect((await post('/api/admin/calendar-days/remove', member.token, { days: ['2027-01-01'] })).status).toBe(403);
    expect(await api.count('calendar_days', `day = '2029-01-02'`)).toBe(0);
    expect(await api.count('calendar_days', `day = '2027-01-01'`)).toBe(1);
  });

  it.each([
    ['a day that does not exist', '2029-02-30', /请填写日期/],
    ['a day written another way', '2029/03/01', /请填写日期/],
    ['a year outside 2000–2100', '0029-03-01', /日期须在2000年至2100年之间/],
  ])('refuses %s with a Chinese message, and writes none of the batch it came in', async (_what, bad, message) => {
    const admin = await api.admin();
    const body = { days: [{ day: '2029-03-05', workday: false, name: '好日子' }, { day: bad, workday: false, name: '坏日子' }, { day: '2029-03-06', workday: true, name: '好日子' }] };
    const res = await post('/api/admin/calendar-days', admin.token, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await api.count('calendar_days', `day in ('2029-03-05', '2029-03-06')`)).toBe(0);
  });

  it('refuses a bad day in a removal with a Chinese message and removes none of the others', async () => {
    const admin = await api.admin();
    expect((await post('/api/admin/calendar-days', admin.token, { days: [{ day: '2029-04-02', workday: false, name: '测试假日' }] })).status).toBe(200);
    const res = await post('/api/admin/calendar-days/remove', admin.token, { days: ['2029-04-02', '2029-04-31'] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/请填写日期/);
    expect(await api.count('calendar_days', `day = '2029-04-02'`)).toBe(1);
    const empty = await post('/api/admin/calendar-days/remove', admin.token, { days: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('至少选择一天');
  });
});
