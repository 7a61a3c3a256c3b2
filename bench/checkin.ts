// The door of issue #4: 1,000 confirmed members scanned through the HTTP server on the local
// PostgreSQL by 8 scanners at once; beside it, what verifying one ticket costs a phone offline.
import { signSession } from '../functions/_lib/auth/session.js';
import { getConfig } from '../functions/_lib/config.js';
import { issueTicket } from '../functions/_lib/tickets.js';
import type { Db } from '../functions/_lib/db/index.js';
import { verifyTicket } from '../shared/domain/tickets.js';
import { freshDatabase, startServer, runBounded, percentile, ms, PG_URL } from './support.js';

const REGISTRATIONS = 1000;
const CONCURRENCY = 8;

async function seed(db: Db) {
  const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('压测工会', '') returning id::text`);
  const orgId = org[0].id;
  await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [orgId]);
  const { rows: cadre } = await db.query<{ id: string }>(
    `with m as (insert into members (org_id, member_no, name, id_hash, id_masked) values ($1, 'K1', '压测干部', md5('bench-cadre'), '410***********0000') returning id),
          u as (insert into users (openid, member_id) select 'bench-cadre', id from m returning id),
          r as (insert into roles (user_id, role, org_id) select id, 'cadre', $1 from u)
     select id::text from u`,
    [orgId],
  );
  const { rows: act } = await db.query<{ id: string }>(
    `insert into activities (org_id, title, category, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled, audience, confirmed_count, next_seq)
     values ($1, '签到压测', 'lecture', '{"name":"职工之家"}', now() + interval '1 hour', now() + interval '3 hours', now() - interval '2 days', now() - interval '1 day', $2, false, 'all', $2, $2 + 1)
     returning id::text`,
    [orgId, REGISTRATIONS],
  );
  const activityId = act[0].id;
  await db.query(
    `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked)
     select $1, 'C' || g, '会员' || g, md5('bench-checkin' || g), '410***********0000', '138****0000' from generate_series(1, $2) g`,
    [orgId, REGISTRATIONS],
  );
  const { rows: regs } = await db.query<{ id: string }>(
    `insert into registrations (activity_id, member_id, status, seq, created_at, confirmed_at)
     select $1, m.id, 'confirmed', row_number() over (order by m.id), now() - interval '1 day', now() - interval '1 day'
       from members m where m.org_id = $2 and m.member_no like 'C%'
     returning id::text`,
    [activityId, orgId],
  );
  return { cadreUserId: cadre[0].id, activityId, registrationIds: regs.map((r) => r.id) };
}

export async function benchCheckIn(): Promise<Record<string, string | number>> {
  const { db, drop } = await freshDatabase('union_bench_checkin', 20);
  try {
    const config = getConfig();
    const { cadreUserId, activityId, registrationIds } = await seed(db);
    const tickets = registrationIds.map((registrationId) => issueTicket(config, { registrationId, activityId }));
    const token = signSession(cadreUserId, config.sessionSecret, 600);
    const server = await startServer(db);
    const jobs = tickets.map((ticket) => async () => {
      const res = await fetch(`${server.base}/api/activities/${activityId}/checkins`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket }),
      });
      const body = (await res.json()) as { result?: string };
      return `${res.status}:${body.result}`;
    });
    const tripsBefore = db.stats.roundTrips;
    const door = await runBounded(jobs, CONCURRENCY);
    const tripsPerScan = (db.stats.roundTrips - tripsBefore) / jobs.length;
    await server.close();
    const checkedIn = door.results.filter((r) => r === '200:checked_in').length;
    const counter = await db.query<{ n: number }>('select checked_in_count as n from activities where id = $1', [activityId]);

    // Offline: the phone holds only the public key; average over 1,000 genuine tickets.
    const t0 = performance.now();
    let verified = 0;
    for (const ticket of tickets) if (verifyTicket(ticket, config.ticketPublicKey)) verified++;
    const verifyMs = (performance.now() - t0) / tickets.length;

    return {
      'check-in door': `${jobs.length} confirmed members, ${CONCURRENCY} scanners in flight, HTTP on PostgreSQL (${new URL(PG_URL).host})`,
      'throughput (scans/s)': Math.round(jobs.length / door.seconds),
      'verdict latency p50': ms(percentile(door.latencies, 50)),
      'verdict latency p99': ms(percentile(door.latencies, 99)),
      'checked in': checkedIn,
      'other answers': jobs.length - checkedIn,
      'checked_in_count after': counter.rows[0].n,
      'round trips per scan': tripsPerScan,
      'offline ticket verify (plain JS, avg of 1,000)': `${verifyMs.toFixed(2)} ms (${verified} genuine)`,
    };
  } finally {
    await drop();
  }
}
