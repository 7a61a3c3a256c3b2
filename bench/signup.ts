// The sign-up burst of issue #3: 2,000 members press the button for 150 seats, through the HTTP
// server on the local PostgreSQL; beside it the machine's own hot-row limit from pgbench.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signSession } from '../functions/_lib/auth/session.js';
import { getConfig } from '../functions/_lib/config.js';
import type { Db } from '../functions/_lib/db/index.js';
import { cancelRegistration } from '../functions/_lib/services/cancel-registration.js';
import { listActivities } from '../functions/_lib/services/list-activities.js';
import { signUp } from '../functions/_lib/services/sign-up.js';
import { freshDatabase, startServer, loadFromOtherProcess, percentile, ms, PG_URL } from './support.js';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2000);
const SEATS = 150;
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

/** Runs a pgbench script for 5 s at 8 clients and answers its transactions per second. */
function pgbench(dbUrl: string, script: string): number {
  const u = new URL(dbUrl);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pgbench-')), 'script.sql');
  writeFileSync(file, script);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  const out = execFileSync('pgbench', [...args, '-n', '-c', '8', '-j', '2', '-T', '5', '-f', file, u.pathname.slice(1)], { encoding: 'utf8' });
  const m = /tps = ([\d.]+)/.exec(out);
  return m ? Number(m[1]) : NaN;
}

/** The machine's hot-row limit: one row updated by 8 clients — the most commits/s one row allows here. */
export async function pgbenchHotRow(db: Db, dbUrl: string): Promise<number> {
  await db.query('create table bench_hot (id int primary key, n bigint); insert into bench_hot values (1, 0);');
  const tps = pgbench(dbUrl, 'update bench_hot set n = n + 1 where id = 1;\n');
  await db.query('drop table bench_hot');
  return tps;
}

/** sign_up_batch() with one sign-up each, called by pgbench itself: a lone tap's database share, without Node or HTTP. */
async function pgbenchSignUp(db: Db, dbUrl: string, members: number): Promise<number> {
  const { activityId } = await seed(db, members, SEATS);
  const { rows } = await db.query<{ lo: string; hi: string }>('select min(u.id)::text as lo, max(u.id)::text as hi from users u join members m on m.id = u.member_id join activities a on a.org_id = m.org_id where a.id = $1', [activityId]);
  return pgbench(dbUrl, `\\set u random(${rows[0].lo}, ${rows[0].hi})\nselect o_outcome from sign_up_batch(array[:u]::bigint[], ${activityId}, array[null]::text[], array[now()], 1000000);\n`);
}

async function seed(db: Db, members: number, capacity: number) {
  const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('压测工会' || nextval(pg_get_serial_sequence('orgs', 'id')), '') returning id::text`);
  await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [org[0].id]);
  await db.query(
    `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked)
     select $1::bigint, 'B' || $1::text || '-' || g, '会员' || g, md5('bench' || $1::text || '-' || g), '410***********0000', '138****0000' from generate_series(1, $2) g`,
    [org[0].id, members],
  );
  const { rows: users } = await db.query<{ id: string }>(`insert into users (openid, member_id) select 'bench-' || m.id, m.id from members m where m.org_id = $1 order by m.id returning id::text`, [org[0].id]);
  const { rows: act } = await db.query<{ id: string }>(
    `insert into activities (org_id, title, category, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled, audience)
     values ($1, '惠工游抢报', 'tour', '{"name":"黄河"}', now() + interval '2 days', now() + interval '3 days', now() - interval '1 minute', now() + interval '1 day', $2, true, 'all')
     returning id::text`,
    [org[0].id, capacity],
  );
  return { userIds: users.map((u) => u.id), activityId: act[0].id };
}

export async function benchSignUp(): Promise<Record<string, string | number>> {
  const { db, url, drop } = await freshDatabase('union_bench_signup', Number(process.env.BENCH_POOL ?? 8));
  try {
    const { userIds, activityId } = await seed(db, MEMBERS + 1, SEATS);
    const loner = userIds.pop() as string;
    const warm = await seed(db, WARMUP, SEATS);
    const secret = getConfig().sessionSecret;
    const server = await startServer(db);
    // The load comes from another process: the server's event loop serves requests, nothing else.
    const jobs = (ids: string[]) => ids.map((userId) => ({ headers: { authorization: `Bearer ${signSession(userId, secret, 600)}` } }));
    const signUpUrl = (id: string) => `${server.base}/api/activities/${id}/registrations`;
    let tripsBefore = 0;
    const burst = await loadFromOtherProcess({
      // Another crowd on another activity first, unmeasured: a server in a rush has been up for a while.
      warmup: WARMUP > 0 ? { url: signUpUrl(warm.activityId), method: 'POST', requests: jobs(warm.userIds), concurrency: CONCURRENCY } : undefined,
      url: signUpUrl(activityId),
      method: 'POST',
      requests: jobs(userIds),
      concurrency: CONCURRENCY,
      onMeasuredStart: () => (tripsBefore = db.stats.roundTrips),
    });
    const burstTrips = db.stats.roundTrips - tripsBefore;
    await server.close();
    const confirmed = burst.results.filter((r) => r === '201:confirmed').length;
    const waitlisted = burst.results.filter((r) => r === '201:waitlisted').length;
    const other = burst.results.length - confirmed - waitlisted;

    // A lone tap: a batch of one.
    const t = db.stats.roundTrips;
    await signUp({ db, userId: loner, activityId });
    const loneTrips = db.stats.roundTrips - t;

    // Round trips of the other hot requests, counted in the Db layer.
    const t0 = db.stats.roundTrips;
    await listActivities({ db, userId: userIds[0], query: { scope: 'member', limit: 20 } });
    const listTrips = db.stats.roundTrips - t0;
    const seat = await db.query<{ id: string }>(`select id::text from registrations where activity_id = $1 and status = 'confirmed' order by id limit 1`, [activityId]);
    const holder = await db.query<{ id: string }>(`select u.id::text from users u join registrations r on r.member_id = u.member_id where r.id = $1`, [seat.rows[0].id]);
    const t1 = db.stats.roundTrips;
    const cancelled = await cancelRegistration({ db, userId: holder.rows[0].id, registrationId: seat.rows[0].id });
    const cancelTrips = db.stats.roundTrips - t1;

    const throughput = userIds.length / burst.seconds;
    const hotRow = await pgbenchHotRow(db, url);
    const dbOnly = await pgbenchSignUp(db, url, 100_000);
    return {
      'sign-up burst': `${MEMBERS} members → ${SEATS} seats, ${CONCURRENCY} in flight from a separate load process, HTTP on PostgreSQL (${new URL(PG_URL).host}), after ${WARMUP} unmeasured sign-ups to another activity`,
      'throughput (sign-ups/s)': Math.round(throughput),
      'latency p50': ms(percentile(burst.latencies, 50)),
      'latency p99': ms(percentile(burst.latencies, 99)),
      confirmed,
      waitlisted,
      'other answers': other,
      'pgbench hot-row limit (tps, 8 clients)': Math.round(hotRow),
      'throughput / hot-row limit': `${((throughput / hotRow) * 100).toFixed(0)} % (target ≥ 50 %)`,
      'lone sign-ups via pgbench (sign_up_batch() of one; tps, 8 clients)': `${Math.round(dbOnly)} (${((dbOnly / hotRow) * 100).toFixed(0)} % of the hot-row limit; no Node, no HTTP, no batching)`,
      'round trips: sign-up': `${loneTrips} for a lone tap; in the burst ${burstTrips} batches for ${MEMBERS} sign-ups (${(MEMBERS / burstTrips).toFixed(1)} per round trip)`,
      'round trips: list': listTrips,
      'round trips: cancel with promotion': `${cancelTrips}${cancelled.promotedRegistrationId ? ' (promoted one)' : ''}`,
    };
  } finally {
    await drop();
  }
}
