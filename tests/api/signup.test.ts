import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, iso, type TestApi } from '../support/api.js';
import { ZActivity, ZActivityList, ZActivityWithMine, ZMyRegistrationList, ZRegistration } from '../../shared/schemas.js';
import { maskMemberNo } from '../../shared/domain/mask.js';
import { verifyTicket } from '../../shared/domain/tickets.js';
import { getConfig } from '../../functions/_lib/config.js';
import { signUp } from '../../functions/_lib/services/sign-up.js';
import { cancelRegistration } from '../../functions/_lib/services/cancel-registration.js';
import { listActivities } from '../../functions/_lib/services/list-activities.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function signUpAs(token: string, activityId: string, headers?: Record<string, string>) {
  return api.post(`/api/activities/${activityId}/registrations`, { token, headers });
}

describe('signing up', () => {
  it('gives a seat while there is one, with a signed ticket the scanner can verify offline', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 2 });
    const m = await api.memberUser({ orgId });
    const res = await signUpAs(m.token, activityId);
    expect(res.status).toBe(201);
    const reg = ZRegistration.parse(res.body);
    expect(reg).toMatchObject({ activityId, status: 'confirmed', waitlistPosition: null, checkedInAt: null });
    expect(reg.ticket!.length).toBeLessThanOrEqual(200);
    // the ticket names its holder, masked, under the signature (an offline door can tell who it is)
    const memberNo = (await api.db.query<{ member_no: string }>('select member_no from members where id = $1', [m.memberId])).rows[0].member_no;
    expect(verifyTicket(reg.ticket!, getConfig().ticketPublicKey)).toEqual({ registrationId: reg.id, activityId, holder: { name: '张*', memberNo: maskMemberNo(memberNo) } });
  });

  it('puts members on the waitlist in arrival order once the seats are gone', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1 });
    const [a, b, c] = [await api.memberUser({ orgId }), await api.memberUser({ orgId }), await api.memberUser({ orgId })];
    expect((await signUpAs(a.token, activityId)).body.status).toBe('confirmed');
    const second = await signUpAs(b.token, activityId);
    const third = await signUpAs(c.token, activityId);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, ticket: null });
    expect(third.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });
  });

  it('answers ACTIVITY_FULL when full and the waitlist is off', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1, waitlistEnabled: false });
    await signUpAs((await api.memberUser({ orgId })).token, activityId);
    const res = await signUpAs((await api.memberUser({ orgId })).token, activityId);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'ACTIVITY_FULL', message: '名额已满' });
  });

  it('answers the existing registration with 200 when the member taps again', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const first = await signUpAs(m.token, activityId);
    const again = await signUpAs(m.token, activityId);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await api.count('registrations', 'activity_id = $1', [activityId])).toBe(1);
  });

  it('answers the first registration for a retried Idempotency-Key even after it was cancelled', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const first = await signUpAs(m.token, activityId, { 'idempotency-key': 'tap-1' });
    await api.post(`/api/registrations/${first.body.id}/cancel`, { token: m.token });
    const retried = await signUpAs(m.token, activityId, { 'idempotency-key': 'tap-1' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: first.body.id, status: 'cancelled' });
    const fresh = await signUpAs(m.token, activityId, { 'idempotency-key': 'tap-2' });
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(first.body.id);
  });

  it('lets a member sign up again after cancelling', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const first = await signUpAs(m.token, activityId);
    await api.post(`/api/registrations/${first.body.id}/cancel`, { token: m.token });
    const again = await signUpAs(m.token, activityId);
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('confirmed');
  });

  it.each([
    ['SIGNUP_NOT_OPEN', { signupOpensAt: iso(1), signupClosesAt: iso(24) }, '报名尚未开始，请在报名开始后再来'],
    ['SIGNUP_CLOSED', { signupOpensAt: iso(-48), signupClosesAt: iso(-1) }, '报名已截止'],
  ])('refuses with %s outside the sign-up window', async (code, window, message) => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, ...window });
    const res = await signUpAs((await api.memberUser({ orgId })).token, activityId);
    expect(res.status).toBe(409);
    expect(res.body.error).toEqual({ code, message });
  });

  it('refuses NOT_ELIGIBLE for a member outside the org subtree of an org-only activity, and admits one below it', async () => {
    const parent = await api.org();
    const child = await api.org({ parentId: parent });
    const other = await api.org();
    const activityId = await api.activity({ orgId: parent, audience: 'org' });
    const outsider = await signUpAs((await api.memberUser({ orgId: other })).token, activityId);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error.code).toBe('NOT_ELIGIBLE');
    const below = await signUpAs((await api.memberUser({ orgId: child })).token, activityId);
    expect(below.status).toBe(201);
  });

  it('refuses NOT_A_MEMBER for a user not bound to the roster', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const { token } = await api.user();
    const res = await signUpAs(token, activityId);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_A_MEMBER');
  });

  it('refuses ACTIVITY_CANCELLED for a cancelled activity and 404 for an unknown one', async () => {
    const orgId = await api.org();
    const admin = await api.admin();
    const activityId = await api.activity({ orgId });
    await api.post(`/api/activities/${activityId}/cancel`, { token: admin.token, body: { reason: '场地维修' } });
    const m = await api.memberUser({ orgId });
    expect((await signUpAs(m.token, activityId)).body.error.code).toBe('ACTIVITY_CANCELLED');
    expect((await signUpAs(m.token, '987654321')).status).toBe(404);
    expect((await signUpAs(m.token, 'abc')).status).toBe(404);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const res = await signUpAs((await api.memberUser({ orgId })).token, activityId, { 'idempotency-key': 'bad key with spaces' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('decides a sign-up in one database round trip', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const before = api.db.stats.roundTrips;
    await signUp({ db: api.db, userId: m.userId, activityId });
    expect(api.db.stats.roundTrips - before).toBe(1);
  });

  it('decides sign-ups arriving together in one batch, in arrival order, each with its own answer', async () => {
    const parent = await api.org();
    const outside = await api.org();
    const activityId = await api.activity({ orgId: parent, capacity: 2, audience: 'org' });
    const [a, b, c, d] = [await api.memberUser({ orgId: parent }), await api.memberUser({ orgId: parent }), await api.memberUser({ orgId: parent }), await api.memberUser({ orgId: parent })];
    const stranger = await api.memberUser({ orgId: outside });
    const unbound = await api.user();
    const attempt = (userId: string, idempotencyKey?: string) =>
      signUp({ db: api.db, userId, activityId, idempotencyKey }).then(
        (r) => ({ status: r.registration.status, position: r.registration.waitlistPosition, id: r.registration.id, created: r.created }),
        (err: { code: string }) => ({ status: err.code }),
      );
    const before = api.db.stats.roundTrips;
    // The first goes at once, alone; the others wait for it and then go as one batch.
    const answers = await Promise.all([
      attempt(a.userId),
      attempt(b.userId, 'tap-b'),
      attempt(stranger.userId),
      attempt(b.userId, 'tap-b'),
      attempt(unbound.userId),
      attempt(c.userId),
      attempt(d.userId),
      attempt(b.userId),
    ]);
    expect(api.db.stats.roundTrips - before).toBe(2);
    expect(answers.map((x) => x.status)).toEqual(['confirmed', 'confirmed', 'NOT_ELIGIBLE', 'confirmed', 'NOT_A_MEMBER', 'waitlisted', 'waitlisted', 'confirmed']);
    // b's three taps are one registration, created by the first of them.
    expect(answers.filter((x) => 'id' in x && x.id === (answers[1] as { id: string }).id).map((x) => (x as { created: boolean }).created)).toEqual([true, false, false]);
    expect(answers.slice(5, 7).map((x) => (x as { position: number }).position)).toEqual([1, 2]);
    expect(await api.count('registrations', 'activity_id = $1', [activityId])).toBe(4);
  });
});

describe('cancelling a registration', () => {
  it('confirms the first waitlisted member in the same transaction and writes their notification', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1 });
    const [a, b, c] = [await api.memberUser({ orgId }), await api.memberUser({ orgId }), await api.memberUser({ orgId })];
    const seat = await signUpAs(a.token, activityId);
    const wait1 = await signUpAs(b.token, activityId);
    const wait2 = await signUpAs(c.token, activityId);
    const res = await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: a.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: seat.body.id, status: 'cancelled', ticket: null });
    const promoted = await api.get(`/api/activities/${activityId}`, { token: b.token });
    expect(promoted.body.myRegistration).toMatchObject({ id: wait1.body.id, status: 'confirmed' });
    expect(promoted.body.myRegistration.ticket).toEqual(expect.any(String));
    const still = await api.get(`/api/activities/${activityId}`, { token: c.token });
    expect(still.body.myRegistration).toMatchObject({ id: wait2.body.id, status: 'waitlisted', waitlistPosition: 1 });
    expect(still.body).toMatchObject({ confirmedCount: 1, waitlistCount: 1 });
    expect(await api.count('notification_outbox', `member_id = $1 and template = 'waitlist_promoted'`, [b.memberId])).toBe(1);
  });

  it('cancels with promotion in at most two round trips', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1 });
    const a = await api.memberUser({ orgId });
    const b = await api.memberUser({ orgId });
    const seat = await signUp({ db: api.db, userId: a.userId, activityId });
    await signUp({ db: api.db, userId: b.userId, activityId });
    const before = api.db.stats.roundTrips;
    const result = await cancelRegistration({ db: api.db, userId: a.userId, registrationId: seat.registration.id });
    expect(api.db.stats.roundTrips - before).toBeLessThanOrEqual(2);
    expect(result.promotedRegistrationId).not.toBeNull();
  });

  it('refuses CANCEL_DEADLINE_PASSED for a seat after the deadline but lets a waitlisted member step back', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1 });
    const a = await api.memberUser({ orgId });
    const b = await api.memberUser({ orgId });
    const seat = await signUpAs(a.token, activityId);
    const wait = await signUpAs(b.token, activityId);
    await api.db.query(`update activities set cancel_deadline = now() - interval '1 minute' where id = $1`, [activityId]);
    const late = await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: a.token });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CANCEL_DEADLINE_PASSED');
    const stepBack = await api.post(`/api/registrations/${wait.body.id}/cancel`, { token: b.token });
    expect(stepBack.body.status).toBe('cancelled');
  });

  it('refuses ALREADY_CHECKED_IN once the member was scanned in', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const a = await api.memberUser({ orgId });
    const seat = await signUpAs(a.token, activityId);
    await api.db.query(`update registrations set status = 'checked_in', checked_in_at = now() where id = $1`, [seat.body.id]);
    const res = await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: a.token });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_CHECKED_IN');
  });

  it("answers 404 for someone else's registration and leaves it alone", async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const a = await api.memberUser({ orgId });
    const b = await api.memberUser({ orgId });
    const seat = await signUpAs(a.token, activityId);
    const res = await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: b.token });
    expect(res.status).toBe(404);
    expect(await api.count('registrations', `id = $1 and status = 'confirmed'`, [seat.body.id])).toBe(1);
  });

  it('answers the same cancelled registration when cancelled twice', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1 });
    const a = await api.memberUser({ orgId });
    const seat = await signUpAs(a.token, activityId);
    await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: a.token });
    const again = await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: a.token });
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    const activity = await api.get(`/api/activities/${activityId}`, { token: a.token });
    expect(activity.body.confirmedCount).toBe(0);
  });
});

describe('publishing and managing activities', () => {
  it('lets a cadre publish for an org in their subtree and refuses a sibling org', async () => {
    const district = await api.org();
    const grassroots = await api.org({ parentId: district });
    const sibling = await api.org();
    const cadre = await api.cadre(district);
    const ok = await api.post('/api/activities', { token: cadre.token, body: api.activityInput({ orgId: grassroots }) });
    expect(ok.status).toBe(201);
    expect(ZActivity.parse(ok.body)).toMatchObject({ orgId: grassroots, status: 'published', confirmedCount: 0, seatsLeft: 10 });
    const no = await api.post('/api/activities', { token: cadre.token, body: api.activityInput({ orgId: sibling }) });
    expect(no.status).toBe(403);
    const member = await api.memberUser({ orgId: district });
    expect((await api.post('/api/activities', { token: member.token, body: api.activityInput({ orgId: district }) })).status).toBe(403);
  });

  it('refuses an activity whose times are out of order, with a Chinese message per field', async () => {
    const orgId = await api.org();
    const admin = await api.admin();
    const res = await api.post('/api/activities', { token: admin.token, body: api.activityInput({ orgId, signupClosesAt: iso(100), startsAt: iso(48) }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual({ path: 'signupClosesAt', message: '报名截止时间不能晚于活动开始时间' });
  });

  it('refuses a title over 60 characters, an unknown category and a zero capacity', async () => {
    const orgId = await api.org();
    const admin = await api.admin();
    const res = await api.post('/api/activities', { token: admin.token, body: api.activityInput({ orgId, title: '长'.repeat(61), category: 'party', capacity: 0 }) });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['capacity', 'category', 'title']);
  });

  it('promotes the waitlist in order when capacity is raised, and refuses lowering it below the confirmed count', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const activityId = await api.activity({ orgId, capacity: 1 });
    const members = [await api.memberUser({ orgId }), await api.memberUser({ orgId }), await api.memberUser({ orgId })];
    for (const m of members) await signUpAs(m.token, activityId);
    const raised = await api.patch(`/api/activities/${activityId}`, { token: cadre.token, body: { capacity: 2 } });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ capacity: 2, confirmedCount: 2, waitlistCount: 1 });
    expect((await api.get(`/api/activities/${activityId}`, { token: members[1].token })).body.myRegistration.status).toBe('confirmed');
    expect((await api.get(`/api/activities/${activityId}`, { token: members[2].token })).body.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    const lowered = await api.patch(`/api/activities/${activityId}`, { token: cadre.token, body: { capacity: 1 } });
    expect(lowered.status).toBe(409);
    expect(lowered.body.error.code).toBe('CAPACITY_BELOW_CONFIRMED');
  });

  it('checks the merged times of a partial edit', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const activityId = await api.activity({ orgId });
    const res = await api.patch(`/api/activities/${activityId}`, { token: cadre.token, body: { endsAt: iso(40) } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const empty = await api.patch(`/api/activities/${activityId}`, { token: cadre.token, body: {} });
    expect(empty.status).toBe(400);
  });

  it('cancels an activity with a reason, cancelling every registration and notifying each member', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const activityId = await api.activity({ orgId, capacity: 1 });
    const a = await api.memberUser({ orgId });
    const b = await api.memberUser({ orgId });
    await signUpAs(a.token, activityId);
    await signUpAs(b.token, activityId);
    const res = await api.post(`/api/activities/${activityId}/cancel`, { token: cadre.token, body: { reason: '天气原因' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', cancelReason: '天气原因', confirmedCount: 0, waitlistCount: 0 });
    expect(await api.count('registrations', `activity_id = $1 and status <> 'cancelled'`, [activityId])).toBe(0);
    expect(await api.count('notification_outbox', `template = 'activity_cancelled' and data->>'activityId' = $1`, [activityId])).toBe(2);
    const noReason = await api.post(`/api/activities/${activityId}/cancel`, { token: cadre.token, body: { reason: '' } });
    expect(noReason.status).toBe(400);
  });
});

describe('browsing activities', () => {
  it('lists what is open to the member, soonest first, with their own registration, in one round trip', async () => {
    const home = await api.org();
    const elsewhere = await api.org();
    const later = await api.activity({ orgId: home, title: '后开始', startsAt: iso(60), endsAt: iso(62), audience: 'org' });
    const sooner = await api.activity({ orgId: elsewhere, title: '先开始', startsAt: iso(30), endsAt: iso(31), cancelDeadline: iso(29), audience: 'all' });
    const hidden = await api.activity({ orgId: elsewhere, title: '别人的', audience: 'org' });
    const m = await api.memberUser({ orgId: home });
    const reg = await signUpAs(m.token, later);
    const before = api.db.stats.roundTrips;
    const list = await listActivities({ db: api.db, userId: m.userId, query: { scope: 'member', limit: 100 } });
    expect(api.db.stats.roundTrips - before).toBe(1);
    const ids = list.items.map((a) => a.id);
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(later));
    expect(ids).not.toContain(hidden);
    expect(list.items.find((a) => a.id === later)!.myRegistration).toMatchObject({ id: reg.body.id, status: 'confirmed' });
    const res = await api.get('/api/activities?limit=100', { token: m.token });
    expect(ZActivityList.parse(res.body).items.map((a) => a.id)).toEqual(ids);
  });

  it('filters by category and pages with an opaque cursor', async () => {
    const orgId = await api.org();
    for (let i = 0; i < 3; i++) await api.activity({ orgId, category: 'job_fair', startsAt: iso(100 + i), endsAt: iso(110 + i), cancelDeadline: iso(99) });
    const m = await api.memberUser({ orgId });
    const page1 = await api.get(`/api/activities?category=job_fair&orgId=${orgId}&limit=2`, { token: m.token });
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items.every((a: { category: string }) => a.category === 'job_fair')).toBe(true);
    const page2 = await api.get(`/api/activities?category=job_fair&orgId=${orgId}&limit=2&cursor=${page1.body.nextCursor}`, { token: m.token });
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect((await api.get('/api/activities?category=party', { token: m.token })).status).toBe(400);
    expect((await api.get('/api/activities?limit=101', { token: m.token })).status).toBe(400);
    expect((await api.get('/api/activities?cursor=garbage', { token: m.token })).status).toBe(400);
  });

  it('shows a cadre what they manage, cancelled ones included', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const activityId = await api.activity({ orgId, audience: 'org' });
    await api.post(`/api/activities/${activityId}/cancel`, { token: cadre.token, body: { reason: '取消' } });
    const managed = await api.get('/api/activities?scope=managed&limit=100', { token: cadre.token });
    expect(managed.body.items.map((a: { id: string }) => a.id)).toContain(activityId);
    const member = await api.get('/api/activities?limit=100', { token: cadre.token });
    expect(member.body.items.map((a: { id: string }) => a.id)).not.toContain(activityId);
  });

  it('answers one activity with the caller’s registration and 404 for an unknown id', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const res = await api.get(`/api/activities/${activityId}`, { token: m.token });
    expect(ZActivityWithMine.parse(res.body)).toMatchObject({ id: activityId, myRegistration: null });
    expect((await api.get('/api/activities/424242424', { token: m.token })).status).toBe(404);
  });

  it('lists "我的报名" newest first with each activity', async () => {
    const orgId = await api.org();
    const first = await api.activity({ orgId });
    const second = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    await signUpAs(m.token, first);
    await signUpAs(m.token, second);
    const res = await api.get('/api/me/registrations', { token: m.token });
    const body = ZMyRegistrationList.parse(res.body);
    expect(body.items.map((r) => r.activity.id)).toEqual([second, first]);
    const unbound = await api.user();
    expect((await api.get('/api/me/registrations', { token: unbound.token })).body.error.code).toBe('NOT_A_MEMBER');
  });
});
