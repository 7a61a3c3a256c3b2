// Joining the union online (issue #15, api.md "Joining the union online (入会)"): applying, routing,
// the review queue, decisions, the working-day deadline and the plan given on joining.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, newPhone, type TestApi } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { loadConfig, resetConfig } from '../../functions/_lib/config.js';
import { setWeChatApi } from '../../functions/_lib/wechat/client.js';
import { signSession } from '../../functions/_lib/auth/session.js';
import { ZAdminJoinApplication, ZAdminJoinApplicationList, ZJoinApplication, ZJoinApplicationList, ZJoinCode, ZMeResponse } from '../../shared/schemas.js';

let api: TestApi;
let city: string;
let n = 0;
const uniq = (s: string) => `${s}${process.pid % 1000}${++n}`;

beforeAll(async () => {
  api = await startTestApi();
  const admin = await api.admin();
  const res = await api.post('/api/admin/orgs', { token: admin.token, body: { name: uniq('入会测试市总工会'), kind: 'city' } });
  expect(res.status).toBe(201);
  city = res.body.id;
});
afterAll(async () => {
  await api.close();
});

/** A union of a kind, made by an admin through the API (kind, platform, district as api.md's precisions). */
async function union(o: { kind?: string; platform?: string; district?: string; joinPlan?: string; parentId?: string } = {}) {
  const admin = await api.admin();
  const res = await api.post('/api/admin/orgs', { token: admin.token, body: { name: uniq('工会'), parentId: o.parentId ?? city, ...o } });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

function form(o: Record<string, unknown> = {}) {
  return { name: '王骑手', idNumber: newIdNumber(), channel: 'employer', employer: '郑州某公司', ...o };
}

async function apply(body: Record<string, unknown>, token?: string) {
  const who = token ? { token } : await api.user();
  const res = await api.post('/api/join-applications', { token: who.token, body });
  return { res, token: who.token };
}

async function pending(orgId: string, o: Record<string, unknown> = {}) {
  const applicant = await api.user();
  const body = form({ orgId, ...o });
  const res = await api.post('/api/join-applications', { token: applicant.token, body });
  expect(res.status, res.text).toBe(201);
  return { ...applicant, id: res.body.id as string, body };
}

describe('applying to join', () => {
  it('files an application to the union of the join code, pending, with a review deadline five working days out', async () => {
    const org = await union();
    const { res } = await apply(form({ orgId: org }));
    expect(res.status).toBe(201);
    const app = ZJoinApplication.parse(res.body);
    expect(app).toMatchObject({ status: 'pending', orgId: org, channel: 'employer', decidedAt: null, rejectReason: null, memberId: null });
    const due = await api.db.query<{ due: Date }>('select working_days_after($1::timestamptz, 5) as due', [app.submittedAt]);
    expect(new Date(app.reviewDueAt).getTime()).toBe(due.rows[0].due.getTime());
    expect(app.reviewDueAt).toMatch(/T23:59:59\+08:00$/);
    // the answer holds no ID number
    expect(JSON.stringify(res.body)).not.toMatch(/\d{17}[\dX]/);
  });

  it('routes a gig worker to the industry union of the platform', async () => {
    const platform = uniq('饿了么');
    const industry = await union({ kind: 'industry', platform });
    const district = uniq('金水区');
    await union({ kind: 'district', district });
    const { res } = await apply(form({ channel: 'gig', employer: undefined, platform, district }));
    expect(res.status, res.text).toBe(201);
    expect(res.body.orgId).toBe(industry);
  });

  it('routes a gig worker whose platform has no union to the union of the district', async () => {
    const district = uniq('二七区');
    const districtUnion = await union({ kind: 'district', district });
    const { res } = await apply(form({ channel: 'gig', employer: undefined, platform: uniq('没有工会的平台'), district }));
    expect(res.status).toBe(201);
    expect(res.body.orgId).toBe(districtUnion);
  });

  it('sends an application that matches no union to the city union, whose office passes it on', async () => {
    const { res } = await apply(form({ channel: 'gig', employer: undefined, platform: uniq('无'), district: uniq('无此区') }));
    expect(res.status).toBe(201);
    expect(res.body.orgId).toBe(city);
  });

  it('refuses a form without the employer, without a way to route it, or with a join code of no union', async () => {
    const noEmployer = await apply(form({ employer: undefined, district: '金水区' }));
    expect(noEmployer.res.status).toBe(400);
    expect(noEmployer.res.body.error.details[0].path).toBe('employer');
    const nowhere = await apply(form({ channel: 'gig', employer: undefined }));
    expect(nowhere.res.status).toBe(400);
    expect(nowhere.res.body.error.details[0].path).toBe('district');
    const noUnion = await apply(form({ orgId: '987654321' }));
    expect(noUnion.res.status).toBe(400);
    expect(noUnion.res.body.error.details[0].path).toBe('orgId');
    const badId = await apply(form({ orgId: city, idNumber: '410105199001011230' }));
    expect(badId.res.status).toBe(400);
    expect(badId.res.body.error.message).toMatch(/身份证/);
  });

  it('answers ALREADY_MEMBER for an ID number on the roster, and for a caller who is a member already', async () => {
    const m = await api.member();
    const onRoster = await apply(form({ orgId: city, idNumber: m.idNumber }));
    expect(onRoster.res.status).toBe(409);
    expect(onRoster.res.body.error.code).toBe('ALREADY_MEMBER');
    expect(onRoster.res.body.error.message).toMatch(/绑定/);
    const member = await api.memberUser();
    const bound = await api.post('/api/join-applications', { token: member.token, body: form({ orgId: city }) });
    expect(bound.status).toBe(409);
    expect(bound.body.error.code).toBe('ALREADY_MEMBER');
    expect(await api.count('join_applications', 'user_id = $1', [member.userId])).toBe(0);
  });

  it('holds one application in progress per person and per WeChat user: APPLICATION_PENDING', async () => {
    const first = await pending(city);
    const sameUser = await api.post('/api/join-applications', { token: first.token, body: form({ orgId: city }) });
    expect(sameUser.status).toBe(409);
    expect(sameUser.body.error.code).toBe('APPLICATION_PENDING');
    const samePerson = await apply(form({ orgId: city, idNumber: first.body.idNumber }));
    expect(samePerson.res.status).toBe(409);
    expect(samePerson.res.body.error.code).toBe('APPLICATION_PENDING');
    expect(await api.count('join_applications', `status = 'pending' and user_id = $1`, [first.userId])).toBe(1);
  });

  it('takes a phone verified by the getPhoneNumber code, and refuses a malformed code', async () => {
    const phone = newPhone();
    const ok = await apply(form({ orgId: city, phoneCode: `dev-phone:${phone}` }));
    expect(ok.res.status).toBe(201);
    const stored = await api.db.query<{ phone_verified: boolean; phone_masked: string }>('select phone_verified, phone_masked from join_applications where id = $1', [ok.res.body.id]);
    expect(stored.rows[0]).toEqual({ phone_verified: true, phone_masked: `${phone.slice(0, 3)}****${phone.slice(-4)}` });
    const bad = await apply(form({ orgId: city, phoneCode: 'dev-phone:123' }));
    expect(bad.res.status).toBe(400);
    expect(bad.res.body.error.details[0].path).toBe('phoneCode');
  });

  it('lists the caller’s own applications, newest first, and nobody else’s', async () => {
    const a = await pending(city);
    await api.post(`/api/join-applications/${a.id}/withdraw`, { token: a.token });
    const again = await api.post('/api/join-applications', { token: a.token, body: form({ orgId: city }) });
    expect(again.status).toBe(201);
    await pending(city);
    const mine = ZJoinApplicationList.parse((await api.get('/api/me/join-applications', { token: a.token })).body);
    expect(mine.items.map((i) => [i.id, i.status])).toEqual([
      [again.body.id, 'pending'],
      [a.id, 'withdrawn'],
    ]);
    expect((await api.get('/api/me/join-applications?limit=1', { token: a.token })).body.nextCursor).toEqual(expect.any(String));
    expect((await api.get('/api/me/join-applications?cursor=broken', { token: a.token })).status).toBe(400);
  });
});

describe('withdrawing', () => {
  it('lets the applicant withdraw a pending application once; a second time is INVALID_TRANSITION; another user gets 404', async () => {
    const a = await pending(city);
    const other = await api.user();
    const theirs = await api.post(`/api/join-applications/${a.id}/withdraw`, { token: other.token });
    expect(theirs.status).toBe(404);
    const res = await api.post(`/api/join-applications/${a.id}/withdraw`, { token: a.token });
    expect(res.status).toBe(200);
    expect(ZJoinApplication.parse(res.body)).toMatchObject({ status: 'withdrawn', decidedAt: expect.any(String) });
    const twice = await api.post(`/api/join-applications/${a.id}/withdraw`, { token: a.token });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
  });
});

describe('the review queue', () => {
  it('shows a union’s cadre its pending applications oldest first, with ID number and phone masked', async () => {
    const org = await union();
    const cadre = await api.cadre(org);
    const phone = newPhone();
    const first = await pending(org, { phone });
    const second = await pending(org);
    const res = await api.get('/api/admin/join-applications', { token: cadre.token });
    expect(res.status).toBe(200);
    const list = ZAdminJoinApplicationList.parse(res.body);
    expect(list.items.map((i) => i.id)).toEqual([first.id, second.id]);
    expect(list.items[0]).toMatchObject({ name: '王骑手', overdue: false, escalated: false, phoneMasked: `${phone.slice(0, 3)}****${phone.slice(-4)}`, phoneVerified: false });
    expect(list.items[0].idNumberMasked).toMatch(/^\d{3}\*+[\dX]{4}$/);
    expect(res.text).not.toContain(first.body.idNumber as string);
    expect(res.text).not.toContain(phone);
  });

  it('marks an application past its deadline overdue and shows it to the parent union’s cadre as well', async () => {
    const parent = await union();
    const child = await union({ parentId: parent });
    const parentCadre = await api.cadre(parent);
    const late = await pending(child);
    const fresh = await pending(child);
    await api.db.query(`update join_applications set review_due_at = now() - interval '1 hour' where id = $1`, [late.id]);
    const childQueue = ZAdminJoinApplicationList.parse((await api.get(`/api/admin/join-applications?orgId=${child}`, { token: parentCadre.token })).body);
    expect(childQueue.items.map((i) => [i.id, i.overdue])).toEqual([
      [late.id, true],
      [fresh.id, false],
    ]);
    const parentQueue = ZAdminJoinApplicationList.parse((await api.get('/api/admin/join-applications', { token: parentCadre.token })).body);
    expect(parentQueue.items.map((i) => [i.id, i.overdue, i.escalated])).toEqual([[late.id, true, true]]);
  });

  it('refuses the queue to members (403), and another subtree’s union to a cadre (403)', async () => {
    const org = await union();
    const sibling = await union();
    const siblingCadre = await api.cadre(sibling);
    const member = await api.memberUser({ orgId: org });
    expect((await api.get('/api/admin/join-applications', { token: member.token })).status).toBe(403);
    expect((await api.get(`/api/admin/join-applications?orgId=${org}`, { token: siblingCadre.token })).status).toBe(403);
    expect((await api.get('/api/admin/join-applications?status=nonsense', { token: siblingCadre.token })).status).toBe(400);
  });
});

describe('deciding', () => {
  it('approves: the applicant becomes a member of that union, bound at once, and is notified', async () => {
    const org = await union();
    const cadre = await api.cadre(org);
    const phone = newPhone();
    const a = await pending(org, { phoneCode: `dev-phone:${phone}` });
    const res = await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: cadre.token, body: {} });
    expect(res.status, res.text).toBe(200);
    const app = ZAdminJoinApplication.parse(res.body);
    expect(app).toMatchObject({ status: 'approved', memberId: expect.any(String), decidedAt: expect.any(String) });
    const me = ZMeResponse.parse((await api.get('/api/me', { token: a.token })).body);
    expect(me.member).toMatchObject({ id: app.memberId, orgId: org, name: '王骑手', memberNo: expect.stringMatching(/^ZZ\d{8}$/) });
    expect(me.verification).toBe('phone');
    const notes = await api.db.query<{ template: string; data: Record<string, string> }>('select template, data from notification_outbox where user_id = $1', [a.userId]);
    expect(notes.rows).toEqual([{ template: 'join_application', data: expect.objectContaining({ statusLabel: '已通过', applicationId: a.id }) }]);
    const twice = await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: cadre.token, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('INVALID_TRANSITION');
    expect(await api.count('members', 'org_id = $1 and name = $2', [org, '王骑手'])).toBe(1);
  });

  it('binds id_only when the phone was typed in, not verified, and uses a member number given by the cadre', async () => {
    const org = await union();
    const cadre = await api.cadre(org);
    const a = await pending(org, { phone: newPhone() });
    const memberNo = uniq('RJ');
    const res = await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: cadre.token, body: { memberNo } });
    expect(res.status).toBe(200);
    const me = (await api.get('/api/me', { token: a.token })).body;
    expect(me.verification).toBe('id_only');
    expect(me.member.memberNo).toBe(memberNo);
    const b = await pending(org);
    const taken = await api.post(`/api/admin/join-applications/${b.id}/approve`, { token: cadre.token, body: { memberNo } });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details[0].path).toBe('memberNo');
    expect(await api.count('join_applications', `id = $1 and status = 'pending'`, [b.id])).toBe(1);
  });

  it('gives the union’s joining plan for the current year on approval, visible at once in 互助保障', async () => {
    const org = await union({ kind: 'industry', platform: uniq('美团'), joinPlan: 'accident' });
    const cadre = await api.cadre(org);
    const a = await pending(org, { channel: 'gig', employer: undefined });
    expect((await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: cadre.token, body: {} })).status).toBe(200);
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const coverage = await api.get('/api/me/coverage', { token: a.token });
    expect(coverage.status).toBe(200);
    expect(coverage.body.items).toEqual([expect.objectContaining({ plan: 'accident', year, endsOn: `${year}-12-31` })]);
    const groups = await api.db.query<{ groups: string[] }>('select m.groups from members m join users u on u.member_id = m.id where u.id = $1', [a.userId]);
    expect(groups.rows[0].groups).toEqual(['gig_worker']);
  });

  it('rejects with a reason the applicant reads, who may then apply again', async () => {
    const org = await union();
    const cadre = await api.cadre(org);
    const a = await pending(org);
    const short = await api.post(`/api/admin/join-applications/${a.id}/reject`, { token: cadre.token, body: { reason: '否' } });
    expect(short.status).toBe(400);
    const reason = '工作单位与身份信息不一致，请核对后重新申请';
    const res = await api.post(`/api/admin/join-applications/${a.id}/reject`, { token: cadre.token, body: { reason } });
    expect(res.status).toBe(200);
    const mine = (await api.get('/api/me/join-applications', { token: a.token })).body.items;
    expect(mine[0]).toMatchObject({ status: 'rejected', rejectReason: reason });
    const note = await api.db.query<{ data: Record<string, string> }>(`select data from notification_outbox where user_id = $1 and template = 'join_application'`, [a.userId]);
    expect(note.rows[0].data).toMatchObject({ statusLabel: '未通过', note: reason });
    const again = await api.post('/api/join-applications', { token: a.token, body: { ...a.body } });
    expect(again.status).toBe(201);
    const approveRejected = await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: cadre.token, body: {} });
    expect(approveRejected.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('transfers to another union: it stays pending there with a new deadline; the first union can no longer decide it', async () => {
    const from = await union();
    const to = await union();
    const fromCadre = await api.cadre(from);
    const toCadre = await api.cadre(to);
    const a = await pending(from);
    await api.db.query(`update join_applications set review_due_at = now() - interval '1 day' where id = $1`, [a.id]);
    const same = await api.post(`/api/admin/join-applications/${a.id}/transfer`, { token: fromCadre.token, body: { orgId: from } });
    expect(same.status).toBe(400);
    const res = await api.post(`/api/admin/join-applications/${a.id}/transfer`, { token: fromCadre.token, body: { orgId: to } });
    expect(res.status).toBe(200);
    expect(ZAdminJoinApplication.parse(res.body)).toMatchObject({ status: 'pending', orgId: to, overdue: false });
    expect((await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: fromCadre.token, body: {} })).status).toBe(404);
    expect((await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: toCadre.token, body: {} })).status).toBe(200);
    const notes = await api.db.query<{ data: Record<string, string> }>(`select data from notification_outbox where user_id = $1 order by id`, [a.userId]);
    expect(notes.rows.map((r) => r.data.statusLabel)).toEqual(['已转办', '已通过']);
  });

  it('answers a cadre of another subtree 404 and a member 403, and changes nothing', async () => {
    const org = await union();
    const sibling = await union();
    const siblingCadre = await api.cadre(sibling);
    const member = await api.memberUser({ orgId: org });
    const a = await pending(org);
    for (const action of ['approve', 'reject', 'transfer']) {
      const body = action === 'reject' ? { reason: '不符合条件' } : action === 'transfer' ? { orgId: sibling } : {};
      expect((await api.post(`/api/admin/join-applications/${a.id}/${action}`, { token: siblingCadre.token, body })).status, action).toBe(404);
      expect((await api.post(`/api/admin/join-applications/${a.id}/${action}`, { token: member.token, body })).status, action).toBe(403);
      expect((await api.post(`/api/admin/join-applications/${a.id}/${action}`, { token: a.token, body })).status, action).toBe(403);
    }
    expect(await api.count('join_applications', `id = $1 and status = 'pending' and org_id = $2`, [a.id, org])).toBe(1);
  });

  it('refuses to approve a person who landed on the roster meanwhile (ALREADY_MEMBER) and writes nothing', async () => {
    const org = await union();
    const cadre = await api.cadre(org);
    const a = await pending(org);
    await api.member({ orgId: org, idNumber: a.body.idNumber as string });
    const res = await api.post(`/api/admin/join-applications/${a.id}/approve`, { token: cadre.token, body: {} });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_MEMBER');
    expect(await api.count('join_applications', `id = $1 and status = 'pending'`, [a.id])).toBe(1);
    expect(await api.count('users', 'id = $1 and member_id is not null', [a.userId])).toBe(0);
  });

  it('holds the legal moves in the database: a decided application cannot be changed by any statement', async () => {
    const a = await pending(city);
    await api.post(`/api/join-applications/${a.id}/withdraw`, { token: a.token });
    await expect(api.db.query(`update join_applications set status = 'pending', decided_at = null where id = $1`, [a.id])).rejects.toThrow(/no further change/);
    await expect(api.db.query(`update join_applications set reject_reason = '改写' where id = $1`, [a.id])).rejects.toThrow(/no further change/);
  });
});

describe('working days (Asia/Shanghai, weekends, holidays and 调休)', () => {
  const due = async (at: string) => {
    const { rows } = await api.db.query<{ due: Date }>('select working_days_after($1::timestamptz, 5) as due', [at]);
    return new Date(rows[0].due.getTime() + 8 * 3600_000).toISOString().slice(0, 19);
  };

  it('counts Monday to Friday after the day of submission, ending at the close of the fifth', async () => {
    expect(await due('2026-11-30T10:00:00+08:00')).toBe('2026-12-07T23:59:59');
    expect(await due('2026-11-28T10:00:00+08:00')).toBe('2026-12-04T23:59:59');
  });

  it('takes the day in Shanghai, not in UTC', async () => {
    // Friday 00:30 in Shanghai is Thursday in UTC: the count starts on Monday, not on Friday
    expect(await due('2026-11-26T16:30:00Z')).toBe('2026-12-04T23:59:59');
    expect(await due('2026-11-26T15:30:00Z')).toBe('2026-12-03T23:59:59');
  });

  it('skips the National Day week and counts its make-up Saturday', async () => {
    // 10-01…10-07 off; Sat 10-10 is a working day
    expect(await due('2026-09-30T10:00:00+08:00')).toBe('2026-10-13T23:59:59');
  });

  it('skips the Spring Festival and counts the make-up Saturday before it', async () => {
    // Fri 02-13: Sat 02-14 works, 02-15…02-23 off, then 24, 25, 26, 27
    expect(await due('2026-02-13T10:00:00+08:00')).toBe('2026-02-27T23:59:59');
  });
});

describe('the holiday table an admin extends', () => {
  it('lets an admin add a holiday and a 调休 working day; new deadlines count with them', async () => {
    const admin = await api.admin();
    // 2027-03-01 is a Monday: declared a holiday; Saturday 2027-03-06 declared a working day
    const before = (await api.db.query<{ due: Date }>(`select working_days_after('2027-02-26T10:00:00+08:00', 5) as due`)).rows[0].due;
    const res = await api.post('/api/admin/calendar-days', {
      token: admin.token,
      body: { days: [{ day: '2027-03-01', workday: false, name: '测试假日' }, { day: '2027-03-06', workday: true, name: '测试调休上班' }] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.items).toEqual([
      { day: '2027-03-01', workday: false, name: '测试假日' },
      { day: '2027-03-06', workday: true, name: '测试调休上班' },
    ]);
    const after = (await api.db.query<{ due: Date }>(`select working_days_after('2027-02-26T10:00:00+08:00', 5) as due`)).rows[0].due;
    // before: Mar 1–5 → Fri 03-05; after: Mar 2, 3, 4, 5, Sat 6 → 03-06
    expect(new Date(before.getTime() + 8 * 3600_000).toISOString().slice(0, 10)).toBe('2027-03-05');
    expect(new Date(after.getTime() + 8 * 3600_000).toISOString().slice(0, 10)).toBe('2027-03-06');
    const listed = await api.get('/api/admin/calendar-days?year=2026', { token: admin.token });
    expect(listed.body.items).toContainEqual({ day: '2026-10-10', workday: true, name: '国庆节调休上班' });
    expect(listed.body.items.every((d: { day: string }) => d.day.startsWith('2026-'))).toBe(true);
  });

  it('keeps the table to admins (a cadre may read it), and refuses a malformed day', async () => {
    const cadre = await api.cadre(await union());
    const member = await api.memberUser();
    const body = { days: [{ day: '2027-04-01', workday: false, name: '假日' }] };
    expect((await api.post('/api/admin/calendar-days', { token: cadre.token, body })).status).toBe(403);
    expect((await api.get('/api/admin/calendar-days', { token: cadre.token })).status).toBe(200);
    expect((await api.get('/api/admin/calendar-days', { token: member.token })).status).toBe(403);
    const admin = await api.admin();
    const bad = await api.post('/api/admin/calendar-days', { token: admin.token, body: { days: [{ day: '2027-02-30', workday: false, name: '假日' }] } });
    expect(bad.status).toBe(400);
    expect(await api.count('calendar_days', `day = '2027-04-01'`)).toBe(0);
  });
});

describe('会籍转移: moving a membership to another union', () => {
  async function transferScene() {
    const from = await union();
    const to = await union();
    const m = await api.memberUser({ orgId: from, name: '转移会员' });
    const fromCadre = await api.cadre(from);
    const toCadre = await api.cadre(to);
    const res = await api.post('/api/me/membership-transfers', { token: m.token, body: { toOrgId: to, reason: '换了工作单位' } });
    expect(res.status, res.text).toBe(201);
    return { from, to, m, fromCadre, toCadre, id: res.body.id as string };
  }

  it('is started by the member in one request, accepted by the receiving union, and completes after the objection period', async () => {
    const s = await transferScene();
    expect((await api.post('/api/me/membership-transfers', { token: s.m.token, body: { toOrgId: s.to } })).body.error.code).toBe('APPLICATION_PENDING');
    // the old union cannot accept it; the receiving one does
    expect((await api.post(`/api/admin/membership-transfers/${s.id}/accept`, { token: s.fromCadre.token })).status).toBe(404);
    const accepted = await api.post(`/api/admin/membership-transfers/${s.id}/accept`, { token: s.toCadre.token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', objectionDueAt: expect.stringMatching(/T23:59:59\+08:00$/) });
    // both unions see it
    for (const cadre of [s.fromCadre, s.toCadre]) {
      const list = await api.get('/api/admin/membership-transfers', { token: cadre.token });
      expect(list.body.items.map((t: { id: string }) => t.id)).toContain(s.id);
    }
    expect((await api.get('/api/me', { token: s.m.token })).body.member.orgId).toBe(s.from);
    // the objection period runs out: the next read completes it
    await api.db.query(`update membership_transfers set objection_due_at = now() - interval '1 minute' where id = $1`, [s.id]);
    const mine = await api.get('/api/me/membership-transfers', { token: s.m.token });
    expect(mine.body.items[0]).toMatchObject({ id: s.id, status: 'completed', completedAt: expect.any(String) });
    expect((await api.get('/api/me', { token: s.m.token })).body.member.orgId).toBe(s.to);
    const notes = await api.db.query<{ data: Record<string, string> }>(`select data from notification_outbox where member_id = $1 and template = 'membership_transfer' order by id`, [s.m.memberId]);
    expect(notes.rows.map((r) => r.data.statusLabel)).toEqual(['已接收', '已完成']);
    expect((await api.post(`/api/admin/membership-transfers/${s.id}/object`, { token: s.fromCadre.token, body: { reason: '尚有会费未清' } })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('lets the old union object within the period: the member stays', async () => {
    const s = await transferScene();
    await api.post(`/api/admin/membership-transfers/${s.id}/accept`, { token: s.toCadre.token });
    expect((await api.post(`/api/admin/membership-transfers/${s.id}/object`, { token: s.toCadre.token, body: { reason: '不是我们' } })).status).toBe(404);
    const objected = await api.post(`/api/admin/membership-transfers/${s.id}/object`, { token: s.fromCadre.token, body: { reason: '劳动关系尚未解除' } });
    expect(objected.status).toBe(200);
    expect(objected.body).toMatchObject({ status: 'objected', decisionReason: '劳动关系尚未解除' });
    // a month later the completion finds nothing to complete; a decided transfer is frozen
    await api.db.query(`select complete_membership_transfers(now() + interval '30 days')`);
    expect((await api.get('/api/me', { token: s.m.token })).body.member.orgId).toBe(s.from);
    await expect(api.db.query(`update membership_transfers set status = 'completed', completed_at = now() where id = $1`, [s.id])).rejects.toThrow(/not allowed/);
  });

  it('lists every open transfer and the most recent finished ones to the office, however many came before', async () => {
    const s = await transferScene(); // open since before all the others
    const other = await api.memberUser({ orgId: s.from, name: '转移会员' });
    // 205 finished transfers of one member, written directly: a long history
    await api.db.query(
      `insert into membership_transfers (member_id, from_org_id, to_org_id, status, requested_by, requested_at, decided_at)
       select $1, $2, $3, 'cancelled', u.id, now(), now() from users u, generate_series(1, 205) where u.member_id = $1`,
      [other.memberId, s.from, s.to],
    );
    const newest = await api.post('/api/me/membership-transfers', { token: other.token, body: { toOrgId: s.to } });
    expect(newest.status, newest.text).toBe(201);
    const ids = (await api.get('/api/admin/membership-transfers', { token: s.fromCadre.token })).body.items.map((t: { id: string }) => t.id);
    expect(ids).toHaveLength(200);
    expect(ids).toContain(s.id);
    expect(ids).toContain(newest.body.id);
    // oldest first, and the 198 finished ones listed are the newest
    expect(ids).toEqual([...ids].sort((a: string, b: string) => Number(a) - Number(b)));
    const finished = await api.db.query<{ id: string }>(`select t.id::text as id from membership_transfers t where t.member_id = $1 and t.status = 'cancelled' order by t.id desc limit 198`, [other.memberId]);
    expect(ids.filter((id: string) => id !== s.id && id !== newest.body.id).sort()).toEqual(finished.rows.map((r) => r.id).sort());
  });

  it('lets the receiving union refuse and the member withdraw; refuses a transfer to the member’s own union', async () => {
    const s = await transferScene();
    const rejected = await api.post(`/api/admin/membership-transfers/${s.id}/reject`, { token: s.toCadre.token, body: { reason: '请先与原单位工会联系' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: '请先与原单位工会联系' });
    const again = await api.post('/api/me/membership-transfers', { token: s.m.token, body: { toOrgId: s.to } });
    expect(again.status).toBe(201);
    expect((await api.post(`/api/me/membership-transfers/${again.body.id}/cancel`, { token: (await api.user()).token })).status).toBe(404);
    expect((await api.post(`/api/me/membership-transfers/${again.body.id}/cancel`, { token: s.m.token })).body.status).toBe('cancelled');
    const own = await api.post('/api/me/membership-transfers', { token: s.m.token, body: { toOrgId: s.from } });
    expect(own.status).toBe(400);
    const notMember = await api.post('/api/me/membership-transfers', { token: (await api.user()).token, body: { toOrgId: s.to } });
    expect(notMember.status).toBe(403);
  });
});

describe('the union’s join code', () => {
  it('answers the join page path with the union chosen, and no image where WeChat is not configured', async () => {
    const org = await union();
    const cadre = await api.cadre(org);
    const res = await api.get(`/api/orgs/${org}/join-code`, { token: cadre.token });
    expect(res.status).toBe(200);
    expect(ZJoinCode.parse(res.body)).toEqual({ orgId: org, orgName: expect.any(String), path: `pages/join/index?orgId=${org}` });
    expect((await api.get('/api/orgs/987654321/join-code', { token: (await api.admin()).token })).status).toBe(404);
    expect((await api.get(`/api/orgs/${org}/join-code`, { token: (await api.memberUser({ orgId: org })).token })).status).toBe(403);
  });

  describe('with WeChat configured', () => {
    let wx: FakeWeChat;
    let orgs: string[];
    const admin = { token: '' };
    beforeAll(async () => {
      orgs = [await union(), await union()];
      // signed with the session secret of the WeChat configuration below
      admin.token = signSession((await api.admin()).userId, 's'.repeat(40), 3600);
      wx = await startFakeWeChat({ appid: 'wx-join-app', secret: 'wx-join-secret' });
      resetConfig(loadConfig({ ...process.env, WECHAT_APPID: 'wx-join-app', WECHAT_SECRET: 'wx-join-secret', WECHAT_API_BASE: wx.base, SESSION_SECRET: 's'.repeat(40), TICKET_SIGNING_KEY: '0123456789abcdef'.repeat(4), ID_HASH_KEY: 'h'.repeat(40) }));
      setWeChatApi(null);
    });
    afterAll(async () => {
      resetConfig();
      await wx.close();
    });

    it('asks getwxacodeunlimit for the join page with the union as scene and answers the PNG', async () => {
      const org = orgs[0];
      const res = await api.get(`/api/orgs/${org}/join-code`, { token: admin.token });
      expect(res.status).toBe(200);
      const code = ZJoinCode.parse(res.body);
      const png = Buffer.from(code.qrPng as string, 'base64');
      expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(png.subarray(8).toString()).toBe(`pages/join/index?o=${org}`);
      expect(wx.qrRequests.at(-1)).toEqual({ scene: `o=${org}`, page: 'pages/join/index', check_path: true, env_version: 'release' });
    });

    it('answers without the image when WeChat refuses the page (not yet published), so the office draws the QR itself', async () => {
      const org = orgs[1];
      wx.unpublishedPages.add('pages/join/index');
      try {
        const res = await api.get(`/api/orgs/${org}/join-code`, { token: admin.token });
        expect(res.status).toBe(200);
        expect(res.body.qrPng).toBeUndefined();
        expect(res.body.path).toBe(`pages/join/index?orgId=${org}`);
      } finally {
        wx.unpublishedPages.delete('pages/join/index');
      }
    });
  });
});
