// The lottery (issue #16): a published seed hash, applications without seats, one draw that
// anyone can recompute, and first come untouched. Runs on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startTestApi, iso, type TestApi } from '../support/api.js';
import { ZActivity, ZActivityWithMine, ZDrawResult, ZRegistration } from '../../shared/schemas.js';
import { verifyPublishedDraw } from '../../shared/domain/lottery.js';
import { verifyTicket } from '../../shared/domain/tickets.js';
import { getConfig } from '../../functions/_lib/config.js';
import { runDueDraws } from '../../functions/_lib/services/lottery/run-due-draws.js';
import { drawLotteryOnly } from '../../functions/_lib/services/lottery/draw-lottery.js';
import { notifyDrawResults } from '../../functions/_lib/services/lottery/notify-draw-results.js';
import { loadPublishedDraw } from '../../scripts/verify-draw.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

async function publishLottery(orgId: string, token: string, o: Record<string, unknown> = {}) {
  const res = await api.post('/api/activities', { token, body: api.activityInput({ orgId, allocation: 'lottery', capacity: 3, priorityGroups: ['hardship'], priorityShare: 34, ...o }) });
  expect(res.status).toBe(201);
  return ZActivity.parse(res.body);
}

/** Sign-up closes a second ago (the draw may run); the times keep their order. */
async function closeSignUp(activityId: string) {
  await api.db.query(`update activities set signup_opens_at = now() - interval '2 hours', signup_closes_at = now() - interval '1 second' where id = $1`, [activityId]);
}

async function applicants(orgId: string, activityId: string, n: number, groupsOf: (i: number) => string[] = () => []) {
  const out: { token: string; memberId: string; userId: string; registrationId: string; name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const m = await api.memberUser({ orgId, name: `王小${'一二三四五六七八九十'[i % 10]}` });
    const groups = groupsOf(i);
    if (groups.length) await api.db.query('update members set groups = $2 where id = $1', [m.memberId, groups]);
    const res = await api.post(`/api/activities/${activityId}/registrations`, { token: m.token });
    expect(res.status).toBe(201);
    out.push({ ...m, registrationId: res.body.id });
  }
  return out;
}

describe('publishing a lottery', () => {
  it('publishes the SHA-256 of a secret seed at creation, commits it in the audit log, and shows the seed nowhere', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token);
    expect(a).toMatchObject({ allocation: 'lottery', priorityGroups: ['hardship'], priorityShare: 34, drawnAt: null, applicantCount: 0 });
    expect(a.drawSeedHash).toMatch(/^[0-9a-f]{64}$/);
    const seed = (await api.db.query<{ seed: string }>('select seed from lottery_seeds where activity_id = $1', [a.id])).rows[0].seed;
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(sha(seed)).toBe(a.drawSeedHash);
    const audit = await api.db.query<{ detail: { drawSeedHash: string } }>(`select detail from audit_log where action = 'activity.create' and subject_id = $1`, [a.id]);
    expect(audit.rows[0].detail.drawSeedHash).toBe(a.drawSeedHash);
    // no answer about the activity carries the seed before the draw
    const member = await api.memberUser({ orgId });
    for (const res of [await api.get(`/api/activities/${a.id}`, { token: member.token }), await api.get('/api/activities', { token: member.token }), await api.get(`/api/activities/${a.id}/draw`)]) {
      expect(res.text).not.toContain(seed);
    }
  });

  it('keeps first come as the default, with no seed and no applicant count', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const res = await api.post('/api/activities', { token: cadre.token, body: api.activityInput({ orgId }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ allocation: 'first_come', priorityGroups: [], priorityShare: 0, drawSeedHash: null, applicantCount: null });
    expect(await api.count('lottery_seeds', 'activity_id = $1', [res.body.id])).toBe(0);
  });

  it('refuses priority rules that do not fit, with Chinese messages', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const cases = [
      { allocation: 'first_come', priorityGroups: ['hardship'] },
      { allocation: 'lottery', priorityShare: 101, priorityGroups: ['hardship'] },
      { allocation: 'lottery', priorityShare: 30, priorityGroups: [] },
      { allocation: 'lottery', priorityGroups: ['boss'] },
      { allocation: 'raffle' },
    ];
    for (const c of cases) {
      const res = await api.post('/api/activities', { token: cadre.token, body: api.activityInput({ orgId, ...c }) });
      expect(res.status, JSON.stringify(c)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details[0].message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await api.count('activities', 'org_id = $1', [orgId])).toBe(0);
  });

  it('does not let a PATCH turn a lottery into first come (the rules are fixed at creation)', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token);
    const res = await api.patch(`/api/activities/${a.id}`, { token: cadre.token, body: { allocation: 'first_come' } });
    expect(res.status).toBe(400);
    const after = ZActivityWithMine.parse((await api.get(`/api/activities/${a.id}`, { token: cadre.token })).body);
    expect(after.allocation).toBe('lottery');
    await expect(api.db.query(`update activities set allocation = 'first_come', draw_seed_hash = null where id = $1`, [a.id])).rejects.toThrow();
  });
});

describe('applying', () => {
  it('lands as applied without seat or ticket; a second tap answers the same; the applicant count grows', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token);
    const m = await api.memberUser({ orgId });
    const first = await api.post(`/api/activities/${a.id}/registrations`, { token: m.token });
    expect(first.status).toBe(201);
    expect(ZRegistration.parse(first.body)).toMatchObject({ status: 'applied', ticket: null, waitlistPosition: null });
    const again = await api.post(`/api/activities/${a.id}/registrations`, { token: m.token });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await applicants(orgId, a.id, 2);
    const seen = ZActivityWithMine.parse((await api.get(`/api/activities/${a.id}`, { token: m.token })).body);
    expect(seen).toMatchObject({ applicantCount: 3, confirmedCount: 0, seatsLeft: 3, myRegistration: { status: 'applied' } });
    expect(await api.count('registrations', `activity_id = $1 and status = 'applied'`, [a.id])).toBe(3);
  });

  it('lets an applicant withdraw (and apply again) before the draw', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token);
    const [m] = await applicants(orgId, a.id, 1);
    const cancel = await api.post(`/api/registrations/${m.registrationId}/cancel`, { token: m.token });
    expect(cancel.status).toBe(200);
    expect(cancel.body.status).toBe('cancelled');
    expect(ZActivity.parse((await api.get(`/api/activities/${a.id}`, { token: m.token })).body).applicantCount).toBe(0);
    const again = await api.post(`/api/activities/${a.id}/registrations`, { token: m.token });
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('applied');
  });

  it('refuses applications before opening, after closing, from outside the audience, and from a non-member', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const later = await publishLottery(orgId, cadre.token, { signupOpensAt: iso(2) });
    const m = await api.memberUser({ orgId });
    expect((await api.post(`/api/activities/${later.id}/registrations`, { token: m.token })).body.error.code).toBe('SIGNUP_NOT_OPEN');
    const closed = await publishLottery(orgId, cadre.token);
    await closeSignUp(closed.id);
    const res = await api.post(`/api/activities/${closed.id}/registrations`, { token: m.token });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'SIGNUP_CLOSED' });
    const own = await publishLottery(orgId, cadre.token, { audience: 'org' });
    const stranger = await api.memberUser({ orgId: await api.org() });
    expect((await api.post(`/api/activities/${own.id}/registrations`, { token: stranger.token })).body.error.code).toBe('NOT_ELIGIBLE');
    const outsider = await api.user();
    expect((await api.post(`/api/activities/${own.id}/registrations`, { token: outsider.token })).body.error.code).toBe('NOT_A_MEMBER');
    expect(await api.count('registrations', 'activity_id = any($1::bigint[])', [[later.id, closed.id, own.id]])).toBe(0);
  });

  it('holds in the database: applied only in a lottery, a seat at sign-up only in first come, nothing back to applied', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const lottery = await publishLottery(orgId, cadre.token);
    const firstCome = await api.activity({ orgId });
    const m = await api.member({ orgId });
    await expect(api.db.query(`insert into registrations (activity_id, member_id, status, seq) values ($1, $2, 'applied', 1)`, [firstCome, m.memberId])).rejects.toThrow();
    await expect(api.db.query(`insert into registrations (activity_id, member_id, status, seq) values ($1, $2, 'confirmed', 1)`, [lottery.id, m.memberId])).rejects.toThrow();
    const [x] = await applicants(orgId, lottery.id, 1);
    await api.db.query(`update registrations set status = 'cancelled' where id = $1`, [x.registrationId]);
    await expect(api.db.query(`update registrations set status = 'applied' where id = $1`, [x.registrationId])).rejects.toThrow();
  });

  it('lets an application move only forward, out of applied in one step, and a not-selected one only to cancelled', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const lottery = await publishLottery(orgId, cadre.token);
    const [won, lost, later] = await applicants(orgId, lottery.id, 3);
    await api.db.query(`update registrations set status = 'confirmed' where id = $1`, [won.registrationId]);
    await api.db.query(`update registrations set status = 'not_selected' where id = $1`, [lost.registrationId]);
    await api.db.query(`update registrations set status = 'waitlisted' where id = $1`, [later.registrationId]);
    await expect(api.db.query(`update registrations set status = 'not_selected' where id = $1`, [won.registrationId])).rejects.toThrow();
    await expect(api.db.query(`update registrations set status = 'not_selected' where id = $1`, [later.registrationId])).rejects.toThrow();
    await expect(api.db.query(`update registrations set status = 'confirmed' where id = $1`, [lost.registrationId])).rejects.toThrow();
    await expect(api.db.query(`update registrations set status = 'applied' where id = $1`, [won.registrationId])).rejects.toThrow();
    await api.db.query(`update registrations set status = 'cancelled' where id = $1`, [lost.registrationId]);
    expect(await api.count('registrations', `id = $1 and status = 'cancelled'`, [lost.registrationId])).toBe(1);
  });
});

describe('the draw', () => {
  it('refuses before close (DRAW_NOT_READY), for members and other unions\' cadres, and without login', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token);
    const early = await api.post(`/api/activities/${a.id}/draw`, { token: cadre.token });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'DRAW_NOT_READY' });
    expect(early.body.error.message).toMatch(/截止/);
    await closeSignUp(a.id);
    const member = await api.memberUser({ orgId });
    expect((await api.post(`/api/activities/${a.id}/draw`, { token: member.token })).status).toBe(403);
    const elsewhere = await api.cadre(await api.org());
    expect((await api.post(`/api/activities/${a.id}/draw`, { token: elsewhere.token })).status).toBe(403);
    expect((await api.post(`/api/activities/${a.id}/draw`)).status).toBe(401);
    expect((await api.post('/api/activities/999999999/draw', { token: cadre.token })).status).toBe(404);
    expect((await api.get(`/api/activities/${a.id}/draw`)).body.error.code).toBe('DRAW_NOT_READY');
    expect(ZActivity.parse((await api.get(`/api/activities/${a.id}`, { token: cadre.token })).body).drawnAt).toBeNull();
  });

  it('decides once: winners confirmed with tickets, the rest waitlisted in draw order, everyone notified, a result anyone can recompute', async () => {
    const parent = await api.org();
    const orgId = await api.org({ parentId: parent });
    const cadre = await api.cadre(parent); // a cadre of the union above covers this one
    const a = await publishLottery(orgId, cadre.token, { capacity: 3, priorityShare: 34, priorityGroups: ['hardship'] });
    const people = await applicants(orgId, a.id, 12, (i) => (i === 11 ? ['hardship'] : i === 5 ? ['frontline'] : []));
    await closeSignUp(a.id);

    const res = await api.post(`/api/activities/${a.id}/draw`, { token: cadre.token });
    expect(res.status).toBe(200);
    const result = ZDrawResult.parse(res.body);
    expect(result.seedHash).toBe(a.drawSeedHash);
    expect(sha(result.seed)).toBe(a.drawSeedHash);
    expect(result.algorithm).toBe('sha256-seed-registration-v1');
    expect(result.explanation).toMatch(/SHA-256/);
    expect(result.entries).toHaveLength(12);
    expect(verifyPublishedDraw(result)).toMatchObject({ ok: true });
    // the hardship applicant holds the one priority seat (floor(3 × 34 / 100) = 1) wherever drawn
    expect(result.entries.find((e) => e.registrationId === people[11].registrationId)!.outcome).toBe('confirmed');
    expect(result.entries.filter((e) => e.outcome === 'confirmed')).toHaveLength(3);
    expect(result.entries.filter((e) => e.outcome === 'waitlisted')).toHaveLength(9);
    expect(result.entries.map((e) => e.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // the order is the keys' order: sha256(seed + ":" + registrationId) ascending
    const keys = result.entries.map((e) => sha(`${result.seed}:${e.registrationId}`));
    expect([...keys].sort()).toEqual(keys);
    // masked names and member numbers only
    for (const e of result.entries) {
      expect(e.nameMasked).toMatch(/^王\*.$/);
      expect(e.memberNoMasked).toMatch(/^\*+/);
    }
    expect(res.text).not.toMatch(/王小/);

    // each member sees their outcome; a winner has a ticket the door verifies offline
    const winnerEntry = result.entries.find((e) => e.outcome === 'confirmed')!;
    const winner = people.find((p) => p.registrationId === winnerEntry.registrationId)!;
    const mine = ZActivityWithMine.parse((await api.get(`/api/activities/${a.id}`, { token: winner.token })).body);
    expect(mine).toMatchObject({ confirmedCount: 3, waitlistCount: 9, applicantCount: 12, drawSeedHash: a.drawSeedHash, myRegistration: { status: 'confirmed' } });
    expect(mine.drawnAt).not.toBeNull();
    expect(verifyTicket(mine.myRegistration!.ticket!, getConfig().ticketPublicKey)).toMatchObject({ registrationId: winner.registrationId, activityId: a.id });
    const waitEntries = result.entries.filter((e) => e.outcome === 'waitlisted');
    const second = people.find((p) => p.registrationId === waitEntries[1].registrationId)!;
    expect((await api.get(`/api/activities/${a.id}`, { token: second.token })).body.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 2, ticket: null });
    expect(await api.count('notification_outbox', `template = 'lottery_result' and data->>'activityId' = $1`, [a.id])).toBe(12);
    expect(await api.count('audit_log', `action = 'activity.draw' and subject_id = $1`, [a.id])).toBe(1);

    // twice: ALREADY_DRAWN, nothing changes
    const again = await api.post(`/api/activities/${a.id}/draw`, { token: cadre.token });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_DRAWN');
    expect(await api.count('registrations', 'activity_id = $1 and draw_outcome is not null', [a.id])).toBe(12);

    // anyone reads the same result, without login
    const pub = await api.get(`/api/activities/${a.id}/draw`);
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual(res.body);
    // what scripts/verify-draw.ts does with the URL: load the published JSON alone and recompute
    expect(verifyPublishedDraw(await loadPublishedDraw(`${api.base}/api/activities/${a.id}/draw`))).toMatchObject({ ok: true, problems: [] });

    // a winner gives up the seat: the first waitlisted in draw order is promoted
    const cancel = await api.post(`/api/registrations/${winner.registrationId}/cancel`, { token: winner.token });
    expect(cancel.body.status).toBe('cancelled');
    const first = people.find((p) => p.registrationId === waitEntries[0].registrationId)!;
    expect((await api.get(`/api/activities/${a.id}`, { token: first.token })).body.myRegistration.status).toBe('confirmed');
    expect((await api.get(`/api/activities/${a.id}`, { token: second.token })).body.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    // the public result stays the draw's
    expect((await api.get(`/api/activities/${a.id}/draw`)).body.entries).toEqual(result.entries);
  });

  it('without a waitlist leaves the rest not_selected; the scheduler draws closed lotteries by itself', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token, { capacity: 2, waitlistEnabled: false, priorityGroups: [], priorityShare: 0 });
    const people = await applicants(orgId, a.id, 5);
    const open = await publishLottery(orgId, cadre.token);
    await closeSignUp(a.id);
    const ran = await runDueDraws({ db: api.db, limit: 1000 });
    expect(ran.drawn).toBeGreaterThanOrEqual(1);
    const result = ZDrawResult.parse((await api.get(`/api/activities/${a.id}/draw`)).body);
    expect(result.entries.map((e) => e.outcome).sort()).toEqual(['confirmed', 'confirmed', 'not_selected', 'not_selected', 'not_selected']);
    expect(verifyPublishedDraw(result).ok).toBe(true);
    const loser = people.find((p) => p.registrationId === result.entries[4].registrationId)!;
    expect((await api.get(`/api/activities/${a.id}`, { token: loser.token })).body.myRegistration).toMatchObject({ status: 'not_selected', ticket: null });
    expect(await api.count('audit_log', `action = 'activity.draw' and subject_id = $1 and actor_user_id is null`, [a.id])).toBe(1);
    // one still open is left alone; a second run draws nothing again
    expect(ZActivity.parse((await api.get(`/api/activities/${open.id}`, { token: cadre.token })).body).drawnAt).toBeNull();
    const rerun = await runDueDraws({ db: api.db, limit: 1000 });
    expect(await api.count('registrations', 'activity_id = $1 and draw_outcome is not null', [a.id])).toBe(5);
    expect(rerun.drawn).toBe(0);
    // the cron endpoint answers in development without a secret
    expect((await api.get('/api/internal/run-draws')).status).toBe(200);
  });

  it('draws a lottery nobody applied to, and never draws first come or a cancelled lottery', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const empty = await publishLottery(orgId, cadre.token);
    await closeSignUp(empty.id);
    const res = await api.post(`/api/activities/${empty.id}/draw`, { token: cadre.token });
    expect(res.status).toBe(200);
    expect(res.body.entries).toEqual([]);
    const firstCome = await api.activity({ orgId });
    await closeSignUp(firstCome);
    expect((await api.post(`/api/activities/${firstCome}/draw`, { token: cadre.token })).body.error.code).toBe('DRAW_NOT_READY');
    expect((await api.get(`/api/activities/${firstCome}/draw`)).status).toBe(404);
    const cancelled = await publishLottery(orgId, cadre.token);
    await applicants(orgId, cancelled.id, 2);
    expect((await api.post(`/api/activities/${cancelled.id}/cancel`, { token: cadre.token, body: { reason: '场地调整' } })).status).toBe(200);
    expect(await api.count('registrations', `activity_id = $1 and status = 'cancelled'`, [cancelled.id])).toBe(2);
    await closeSignUp(cancelled.id);
    expect((await api.post(`/api/activities/${cancelled.id}/draw`, { token: cadre.token })).body.error.code).toBe('ACTIVITY_CANCELLED');
  });

  it('lets an admin draw any union\'s lottery', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const a = await publishLottery(orgId, cadre.token);
    await applicants(orgId, a.id, 4);
    await closeSignUp(a.id);
    const admin = await api.admin();
    const res = await api.post(`/api/activities/${a.id}/draw`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(verifyPublishedDraw(ZDrawResult.parse(res.body)).ok).toBe(true);
  });
});

describe("the draw's notices", () => {
  it('are written after the draw commits, in batches in draw order: each applicant once, waitlist places counted across batches, an interrupted run finished by the cron', async () => {
    const orgId = await api.org();
    const id = await api.lottery({ orgId, closed: true, applicants: 11, capacity: 3 });
    // the draw's transaction alone leaves a job and no notice
    expect(await drawLotteryOnly({ db: api.db, userId: null, activityId: id })).toBe(true);
    const notices = () => api.count('notification_outbox', `template = 'lottery_result' and data->>'activityId' = $1`, [id]);
    expect(await notices()).toBe(0);
    expect(await api.count('lottery_notice_jobs', 'activity_id = $1 and done_at is null', [id])).toBe(1);

    // a run stopped after two batches of four (as a crash would leave it) …
    expect(await notifyDrawResults({ db: api.db, activityId: id, batch: 4, maxBatches: 2 })).toBe(8);
    expect(await notices()).toBe(8);
    // … is finished by the dispatcher's cron, and nothing is written twice
    expect((await api.get('/api/internal/dispatch-notifications')).status).toBe(200);
    expect(await notices()).toBe(11);
    expect(await api.count('lottery_notice_jobs', 'activity_id = $1 and done_at is not null', [id])).toBe(1);
    expect(await notifyDrawResults({ db: api.db, activityId: id, batch: 4 })).toBe(0);
    const once = await api.db.query<{ members: number }>(`select count(distinct member_id)::int as members from notification_outbox where template = 'lottery_result' and data->>'activityId' = $1`, [id]);
    expect(once.rows[0].members).toBe(11);

    // each notice says that member's outcome; waitlist places follow the published result
    const result = ZDrawResult.parse((await api.get(`/api/activities/${id}/draw`)).body);
    const { rows } = await api.db.query<{ member_id: string; text: string; registration_id: string }>(
      `select o.member_id::text, o.data->>'outcomeText' as text, r.id::text as registration_id
         from notification_outbox o join registrations r on r.member_id = o.member_id and r.activity_id = $1::bigint
        where o.template = 'lottery_result' and o.data->>'activityId' = $1::text`,
      [id],
    );
    const textOf = new Map(rows.map((r) => [r.registration_id, r.text]));
    let waitlisted = 0;
    for (const e of result.entries) {
      const expected = e.outcome === 'confirmed' ? '中签，已为您确认名额' : `未中签，候补第${++waitlisted}位`;
      expect(textOf.get(e.registrationId)).toBe(expected);
    }
    expect(waitlisted).toBe(8);
  });
});

describe('first come keeps its guarantees', () => {
  it('still gives seats in arrival order with tickets at sign-up', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 1 });
    const [x, y] = [await api.memberUser({ orgId }), await api.memberUser({ orgId })];
    expect((await api.post(`/api/activities/${activityId}/registrations`, { token: x.token })).body).toMatchObject({ status: 'confirmed' });
    expect((await api.post(`/api/activities/${activityId}/registrations`, { token: y.token })).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
  });
});
