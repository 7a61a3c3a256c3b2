// A popular benefit opens: hundreds press the button in the same second. These run on the real
// PostgreSQL only (PGlite has one connection and would prove nothing), through the HTTP layer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { createNodePgDb } from '../../functions/_lib/db/node-pg.js';
import type { Db } from '../../functions/_lib/db/index.js';
import { signUp } from '../../functions/_lib/services/sign-up.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

async function members(orgId: string, n: number) {
  const out: { token: string; memberId: string; userId: string }[] = [];
  for (let i = 0; i < n; i++) out.push(await api.memberUser({ orgId }));
  return out;
}

async function seatCounts(activityId: string) {
  const { rows } = await api.db.query<{ confirmed: number; waitlisted: number; counter: number; wcounter: number }>(
    `select (select count(*)::int from registrations where activity_id = $1 and status = 'confirmed') as confirmed,
            (select count(*)::int from registrations where activity_id = $1 and status = 'waitlisted') as waitlisted,
            confirmed_count as counter, waitlist_count as wcounter
       from activities where id = $1`,
    [activityId],
  );
  return rows[0];
}

describe('a sign-up rush on PostgreSQL', () => {
  it('gives exactly the seats that exist when 300 members sign up at once, and waitlists the rest in order', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 50 });
    const crowd = await members(orgId, 300);
    const replies = await Promise.all(crowd.map((m) => api.post(`/api/activities/${activityId}/registrations`, { token: m.token })));
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    const confirmed = replies.filter((r) => r.body.status === 'confirmed');
    const waitlisted = replies.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(50);
    expect(waitlisted).toHaveLength(250);
    // Positions are 1..250 with no gap and no repeat: first come, first served.
    expect(waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(await seatCounts(activityId)).toEqual({ confirmed: 50, waitlisted: 250, counter: 50, wcounter: 250 });
  });

  it('refuses exactly the surplus with ACTIVITY_FULL when there is no waitlist', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 20, waitlistEnabled: false });
    const crowd = await members(orgId, 200);
    const replies = await Promise.all(crowd.map((m) => api.post(`/api/activities/${activityId}/registrations`, { token: m.token })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(20);
    expect(replies.filter((r) => r.status === 409 && r.body.error.code === 'ACTIVITY_FULL')).toHaveLength(180);
    expect((await seatCounts(activityId)).confirmed).toBe(20);
  });

  it('creates one registration when one member fires 100 taps at once, with and without an Idempotency-Key', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 5 });
    const [m] = await members(orgId, 1);
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => api.post(`/api/activities/${activityId}/registrations`, { token: m.token, headers: i % 2 ? { 'idempotency-key': 'same-tap' } : {} })),
    );
    // Beyond 30 a minute the member is rate limited; every other answer is that one registration.
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(29 - 1);
    expect(replies.filter((r) => r.status !== 200 && r.status !== 201).every((r) => r.status === 429 && r.body.error.code === 'RATE_LIMITED')).toBe(true);
    expect(new Set(replies.filter((r) => r.status < 300).map((r) => r.body.id)).size).toBe(1);
    expect(await api.count('registrations', 'activity_id = $1', [activityId])).toBe(1);
    expect((await seatCounts(activityId)).counter).toBe(1);
  });

  it('never loses or doubles a seat while members cancel and others sign up at the same time, promoting strictly in order', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity: 40 });
    const holders = await members(orgId, 40);
    const waiting = await members(orgId, 40);
    const seats = await Promise.all(holders.map((m) => api.post(`/api/activities/${activityId}/registrations`, { token: m.token })));
    // Waitlist joined one by one so that their order is known.
    const waits = [];
    for (const m of waiting) waits.push(await api.post(`/api/activities/${activityId}/registrations`, { token: m.token }));
    const latecomers = await members(orgId, 40);
    const cancelling = holders.slice(0, 25);
    const results = await Promise.all([
      ...cancelling.map((m, i) => api.post(`/api/registrations/${seats[i].body.id}/cancel`, { token: m.token })),
      ...latecomers.map((m) => api.post(`/api/activities/${activityId}/registrations`, { token: m.token })),
    ]);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    const counts = await seatCounts(activityId);
    expect(counts.confirmed).toBe(40);
    expect(counts.counter).toBe(40);
    // 25 seats freed: the first 25 of the waitlist got them, none of the latecomers did.
    const { rows } = await api.db.query<{ id: string }>(`select id::text from registrations where activity_id = $1 and status = 'confirmed' order by id`, [activityId]);
    const confirmedIds = new Set(rows.map((r) => r.id));
    expect(waits.slice(0, 25).every((w) => confirmedIds.has(w.body.id))).toBe(true);
    expect(waits.slice(25).some((w) => confirmedIds.has(w.body.id))).toBe(false);
    expect(await api.count('notification_outbox', `template = 'waitlist_promoted' and data->>'activityId' = $1`, [activityId])).toBe(25);
  });

  it('keeps the counters equal to the rows after a capacity raise races with sign-ups', async () => {
    const orgId = await api.org();
    const cadre = await api.cadre(orgId);
    const activityId = await api.activity({ orgId, capacity: 10 });
    const crowd = await members(orgId, 60);
    await Promise.all([
      ...crowd.map((m) => api.post(`/api/activities/${activityId}/registrations`, { token: m.token })),
      api.patch(`/api/activities/${activityId}`, { token: cadre.token, body: { capacity: 30 } }),
    ]);
    const counts = await seatCounts(activityId);
    expect(counts).toEqual({ confirmed: 30, waitlisted: 30, counter: 30, wcounter: 30 });
  });

  // One server gathers the sign-ups arriving together into one sign_up_batch() call, so the tests
  // above decide each rush in a handful of batches. Serverless instances do not share that: here
  // four instances (four connection pools, each with its own batches) send their batches at once,
  // and only the activity row lock keeps the seats exact.
  describe('across serverless instances', () => {
    let instances: Db[] = [];
    beforeAll(() => {
      instances = Array.from({ length: 4 }, () => createNodePgDb((api.db as { url?: string }).url as string, 5));
    });
    afterAll(async () => {
      await Promise.all(instances.map((db) => db.close()));
    });

    const rush = (activityId: string, crowd: { userId: string }[]) =>
      Promise.all(
        crowd.map((m, i) =>
          signUp({ db: instances[i % instances.length], userId: m.userId, activityId }).then(
            (r) => ({ status: r.registration.status, position: r.registration.waitlistPosition, created: r.created }),
            (err: { code?: string }) => ({ status: err.code ?? 'ERROR', position: undefined, created: false }),
          ),
        ),
      );

    it('gives exactly the seats that exist and a gapless waitlist when 400 members sign up through four instances at once', async () => {
      const orgId = await api.org();
      const activityId = await api.activity({ orgId, capacity: 60 });
      const crowd = await members(orgId, 400);
      const outcomes = await rush(activityId, crowd);
      expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(60);
      const waitlisted = outcomes.filter((o) => o.status === 'waitlisted');
      expect(waitlisted).toHaveLength(340);
      expect(waitlisted.map((o) => o.position).sort((a, b) => (a as number) - (b as number))).toEqual(Array.from({ length: 340 }, (_, i) => i + 1));
      expect(await seatCounts(activityId)).toEqual({ confirmed: 60, waitlisted: 340, counter: 60, wcounter: 340 });
      // Arrival order is the order of seq: every seat went to an earlier arrival than every waitlisted member.
      const { rows } = await api.db.query<{ last_confirmed: string; first_waitlisted: string }>(
        `select max(seq) filter (where status = 'confirmed')::text as last_confirmed, min(seq) filter (where status = 'waitlisted')::text as first_waitlisted
           from registrations where activity_id = $1`,
        [activityId],
      );
      expect(BigInt(rows[0].last_confirmed)).toBeLessThan(BigInt(rows[0].first_waitlisted));
    });

    it('refuses exactly the surplus with ACTIVITY_FULL through four instances when there is no waitlist', async () => {
      const orgId = await api.org();
      const activityId = await api.activity({ orgId, capacity: 25, waitlistEnabled: false });
      const crowd = await members(orgId, 200);
      const outcomes = await rush(activityId, crowd);
      expect(outcomes.filter((o) => o.status === 'confirmed')).toHaveLength(25);
      expect(outcomes.filter((o) => o.status === 'ACTIVITY_FULL')).toHaveLength(175);
      expect(await seatCounts(activityId)).toEqual({ confirmed: 25, waitlisted: 0, counter: 25, wcounter: 0 });
    });

    it('creates one registration when the same member taps on four instances at once', async () => {
      const orgId = await api.org();
      const activityId = await api.activity({ orgId, capacity: 5 });
      const [m] = await members(orgId, 1);
      const outcomes = await rush(activityId, Array.from({ length: 24 }, () => m));
      expect(outcomes.filter((o) => o.created)).toHaveLength(1);
      expect(outcomes.every((o) => o.status === 'confirmed')).toBe(true);
      expect(await api.count('registrations', 'activity_id = $1', [activityId])).toBe(1);
      expect((await seatCounts(activityId)).counter).toBe(1);
    });
  });
});
