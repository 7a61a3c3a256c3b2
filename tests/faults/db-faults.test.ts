// The database drops the server's connections in the middle of the work (a failover, a Neon
// compute restart, an operator's pg_terminate_backend). On the real PostgreSQL only: requests in
// flight answer 503 UNAVAILABLE with Retry-After (never a 500), the pool recovers by itself, a
// retry with the same Idempotency-Key finishes the job, and nothing is half-written or doubled.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type Reply, type TestApi } from '../support/api.js';
import { brokenInvariants } from '../support/invariants.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber } from '../../functions/_lib/id-hash.js';
import { maskIdNumber } from '../../shared/domain/id-number.js';
import { ZErrorBody } from '../../shared/schemas.js';

let api: TestApi;
let admin: pg.Client;
let dbName: string;
const report = { faults: 0, backendsTerminated: 0, unavailable: 0, retries: 0 };

beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
  dbName = new URL(api.db.url!).pathname.slice(1);
  // The operator's connection: to the maintenance database, so that it survives its own work.
  admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await api?.close();
  console.log(`[faults] ${report.faults} faults injected, ${report.backendsTerminated} server connections terminated, ${report.unavailable} requests answered 503, ${report.retries} retries`);
});

/** pg_terminate_backend on every connection of the test database but `spare`. */
async function terminateServerConnections(spare?: number): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `select count(*) filter (where pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and pid is distinct from $2`,
    [dbName, spare ?? null],
  );
  report.faults++;
  report.backendsTerminated += rows[0].n;
  return rows[0].n;
}

/** A refusal caused by the fault: the contract's 503, never a 500. */
function expectUnavailable(res: Reply, what: string) {
  expect(res.status, `${what}: ${res.text}`).toBe(503);
  expect(ZErrorBody.parse(res.body).error.code).toBe('UNAVAILABLE');
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  report.unavailable++;
}

/** The same request again (same Idempotency-Key) until the database answers; each refusal on the way must be the 503. */
async function retryUntilAnswered(send: () => Promise<Reply>, what: string): Promise<Reply> {
  for (let attempt = 1; attempt <= 30; attempt++) {
    report.retries++;
    const res = await send();
    if (res.status !== 503) return res;
    expectUnavailable(res, `${what}, retry ${attempt}`);
    await new Promise((r) => setTimeout(r, 50 * attempt));
  }
  throw new Error(`${what}: still 503 after 30 retries`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('connections terminated in the middle of a sign-up rush', () => {
  it('answers 503 to the requests in flight; retried with the same Idempotency-Key, every seat is given exactly once', async () => {
    const capacity = 100;
    const orgId = await api.org();
    const activityId = await api.activity({ orgId, capacity, waitlistEnabled: true });
    const crowd = await Promise.all(Array.from({ length: 300 }, () => api.memberUser({ orgId })));
    const signUp = (m: (typeof crowd)[number]) => () =>
      api.post(`/api/activities/${activityId}/registrations`, { token: m.token, headers: { 'idempotency-key': `rush-${m.memberId}` } });

    const faultsBefore = report.faults;
    let done = 0;
    const replies = crowd.map((m) => signUp(m)().finally(() => done++));
    // A few faults while the rush is being decided: each as soon as sign-ups are running again.
    for (let fault = 0; fault < 4 && done < crowd.length; fault++) {
      for (let wait = 0; wait < 200; wait++) {
        const { rows } = await admin.query(`select 1 from pg_stat_activity where datname = $1 and state = 'active' and query like '%sign_up_batch(%'`, [dbName]);
        if (rows.length || done >= crowd.length) break;
        await sleep(2);
      }
      if (done < crowd.length) await terminateServerConnections();
      await sleep(15);
    }
    const first = await Promise.all(replies);
    const faults = report.faults - faultsBefore;
    expect(faults).toBeGreaterThan(0);

    const statuses = new Map<number, number>();
    for (const r of first) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect([...statuses.keys()].every((s) => s === 201 || s === 503), JSON.stringify([...statuses])).toBe(true);
    const failed = crowd.filter((_, i) => first[i].status === 503);
    for (const i of first.keys()) if (first[i].status === 503) expectUnavailable(first[i], 'sign-up in flight');
    console.log(`[faults] sign-up rush: ${faults} faults, first answers ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failed.length, 'at least one request was in flight when its connection died').toBeGreaterThan(0);

    // The pool threw the dead connections away: the retries all land.
    const final = [...first];
    for (const [i, m] of crowd.entries()) {
      if (first[i].status === 503) final[i] = await retryUntilAnswered(signUp(m), `member ${m.memberId}`);
    }
    expect(final.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    // 200 on a retry: the first attempt had committed when its connection died; the key found it.
    const committedBeforeFault = final.filter((r, i) => first[i].status === 503 && r.status === 200).length;
    console.log(`[faults] sign-up rush: ${failed.length} retried, ${committedBeforeFault} of them had been committed before the fault`);

    // Exactly one registration each, and it is the one the answer names; seats given exactly once.
    const { rows } = await api.db.query<{ member_id: string; id: string; n: number }>(
      `select member_id::text, min(id)::text as id, count(*)::int as n from registrations where activity_id = $1 group by member_id`,
      [activityId],
    );
    expect(rows).toHaveLength(crowd.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const idOf = new Map(rows.map((r) => [r.member_id, r.id]));
    for (const [i, m] of crowd.entries()) expect(final[i].body.id).toBe(idOf.get(m.memberId));
    expect(await api.count('registrations', `activity_id = $1 and status = 'confirmed'`, [activityId])).toBe(Math.min(capacity, crowd.length));
    expect(await api.count('registrations', `activity_id = $1 and status = 'waitlisted'`, [activityId])).toBe(crowd.length - capacity);
    const counters = await api.db.query<{ confirmed_count: number; waitlist_count: number }>('select confirmed_count, waitlist_count from activities where id = $1', [activityId]);
    expect(counters.rows[0]).toEqual({ confirmed_count: capacity, waitlist_count: crowd.length - capacity });
    expect(await brokenInvariants(api.db)).toEqual([]);
    expect((await api.get('/api/health')).status).toBe(200);
  });
});

describe('connections terminated in the middle of a 5,000-row claims import', () => {
  const ROWS = 5000;
  let people: string[];
  let officerToken: string;
  const claimNos = Array.from({ length: ROWS }, (_, i) => `FAULT-${process.pid}-${String(i).padStart(5, '0')}`);

  beforeAll(async () => {
    const orgId = await api.org();
    people = Array.from({ length: ROWS }, () => newIdNumber());
    const key = getConfig().idHashKey;
    await api.db.query(
      `insert into members (org_id, member_no, name, id_hash, id_masked)
       select $1, 'FAULT' || lpad(n::text, 6, '0') || $4, '会员' || n, h, m from unnest($2::text[], $3::text[]) with ordinality as v(h, m, n)`,
      [orgId, people.map((p) => hashIdNumber(p, key)), people.map(maskIdNumber), `-${process.pid}`],
    );
    officerToken = (await api.user({ roles: [{ role: 'claims_officer' }] })).token;
  });

  const rows = (status: 'submitted' | 'under_review') =>
    people.map((idNumber, i) => ({
      claimNo: claimNos[i], idNumber, plan: 'hospitalization', status, incidentDate: '2026-04-01',
      submittedAt: '2026-04-02T09:00:00+08:00', amountClaimedFen: 100_000 + i, at: status === 'submitted' ? '2026-04-02T09:00:00+08:00' : '2026-04-05T09:00:00+08:00',
    }));
  const importClaims = (body: unknown) => () => api.post('/api/admin/claims/import', { token: officerToken, body });

  /**
   * Sends the import while an operator holds audit_log (the import's last write): the import
   * writes its claims and timeline, then waits; its connection is terminated right there.
   */
  async function importKilledMidway(body: unknown): Promise<Reply> {
    const holder = new pg.Client({ connectionString: api.db.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('lock table audit_log in access exclusive mode');
      const holderPid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
      const pending = importClaims(body)();
      let caught = false;
      for (let wait = 0; wait < 3000 && !caught; wait++) {
        const { rows: waiting } = await admin.query(
          `select 1 from pg_stat_activity where datname = $1 and pid <> $2 and backend_xid is not null and wait_event_type = 'Lock'`,
          [dbName, holderPid],
        );
        caught = waiting.length > 0;
        if (!caught) await sleep(5);
      }
      expect(caught, 'the import reached its last write and waited there').toBe(true);
      expect(await terminateServerConnections(holderPid)).toBeGreaterThan(0);
      return await pending;
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
  }

  const stateOfBatch = async () =>
    (
      await api.db.query<{ claims: number; events: number; reviewing: number }>(
        `select (select count(*)::int from claims where claim_no = any($1)) as claims,
                (select count(*)::int from claim_events e join claims c on c.id = e.claim_id where c.claim_no = any($1)) as events,
                (select count(*)::int from claims where claim_no = any($1) and status = 'under_review') as reviewing`,
        [claimNos],
      )
    ).rows[0];

  it('applies nothing of an import whose connection died, and the re-run lands all 5,000 claims', async () => {
    const body = { rows: rows('submitted') };
    expectUnavailable(await importKilledMidway(body), 'import in flight');
    expect(await stateOfBatch()).toEqual({ claims: 0, events: 0, reviewing: 0 });
    expect(await api.count('audit_log', `action = 'claims.import'`)).toBe(0);

    const rerun = await retryUntilAnswered(importClaims(body), 'import re-run');
    expect(rerun.status).toBe(200);
    expect(rerun.body).toMatchObject({ created: ROWS, updated: 0, unchanged: 0, rejected: [] });
    expect(await stateOfBatch()).toEqual({ claims: ROWS, events: ROWS, reviewing: 0 });
    const again = await importClaims(body)();
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: ROWS, rejected: [] });
  });

  it('moves no claim and appends no event when the connection dies mid-update, and the re-run moves each exactly once', async () => {
    const body = { rows: rows('under_review') };
    expectUnavailable(await importKilledMidway(body), 'status import in flight');
    expect(await stateOfBatch()).toEqual({ claims: ROWS, events: ROWS, reviewing: 0 });
    expect(await api.count('notification_outbox', `template = 'claim_status_changed'`)).toBe(0);

    const rerun = await retryUntilAnswered(importClaims(body), 'status import re-run');
    expect(rerun.body).toMatchObject({ created: 0, updated: ROWS, unchanged: 0, rejected: [] });
    expect(await stateOfBatch()).toEqual({ claims: ROWS, events: 2 * ROWS, reviewing: ROWS });
    expect(await api.count('notification_outbox', `template = 'claim_status_changed'`)).toBe(ROWS);
    expect((await importClaims(body)()).body).toMatchObject({ created: 0, updated: 0, unchanged: ROWS, rejected: [] });
    expect(await brokenInvariants(api.db)).toEqual([]);
  });
});
