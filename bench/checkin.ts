// The door of issue #4: 1,000 confirmed members scanned through the HTTP server on the local
// PostgreSQL — half by one scanner at a time (the verdict's own latency), half by 8 scanners at
// once (a busy door, where scans also wait for each other); beside it, what verifying one ticket
// costs a phone offline.
import { signSession } from '../functions/_lib/auth/session.js';
import { getConfig } from '../functions/_lib/config.js';
import { issueTicket } from '../functions/_lib/tickets.js';
import type { Db } from '../functions/_lib/db/index.js';
import { verifyTicket } from '../shared/domain/tickets.js';
import { freshDatabase, startServer, runBounded, percentile, ms, request, PG_URL } from './support.js';

const REGISTRATIONS = 1000;
const BUSY_DOOR = 8;

async function seed(db: Db) {
  const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('压测工会', '') returning id::text`);
  const orgId = org[0].id;
  await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [orgId]);
  const { rows: cadre } = await db.query<{ id: string }>(
    `with m as (insert into members (org_id, member_no, name, id_hash, id_masked) values ($1, 'K1', '压测干部', md5('bench-cadre'), '410***********0000') returning id),
          u as (insert into users (openid, member_id, verification) select 'bench-cadre', id, 'phone' from m returning id),
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
    const scan = (ticket: string) => async () => {
      const res = await request(`${server.base}/api/activities/${activityId}/checkins`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket }),
      });
      return `${res.status}:${(JSON.parse(res.body) as { result?: string }).result}`;
    };
    const half = tickets.length / 2;
    const tripsBefore = db.stats.roundTrips;
    const single = await runBounded(tickets.slice(0, half).map(scan), 1);
    const busy = await runBounded(tickets.slice(half).map(scan), BUSY_DOOR);
    const tripsPerScan = (db.stats.roundTrips - tripsBefore) / tickets.length;
    await server.close();
    const results = [...single.results, ...busy.results];
    const checkedIn = results.filter((r) => r === '200:checked_in').length;
    const counter = await db.query<{ n: number }>('select checked_in_count as n from activities where id = $1', [activityId]);

    // Offline: the phone holds only the public key; average over 1,000 genuine tickets.
    const t0 = performance.now();
    let verified = 0;
    for (const ticket of tickets) if (verifyTicket(ticket, config.ticketPublicKey)) verified++;
    const verifyMs = (performance.now() - t0) / tickets.length;

    return {
      'check-in door': `${tickets.length} confirmed members over HTTP on PostgreSQL (${new URL(PG_URL).host})`,
      'one scanner: verdict latency p50': ms(percentile(single.latencies, 50)),
      'one scanner: verdict latency p99': `${ms(percentile(single.latencies, 99))} (target ≤ 20 ms)`,
      [`busy door (${BUSY_DOOR} in flight): scans/s`]: Math.round(busy.results.length / busy.seconds),
      [`busy door (${BUSY_DOOR} in flight): latency p50 / p99`]: `${ms(percentile(busy.latencies, 50))} / ${ms(percentile(busy.latencies, 99))}`,
      'checked in': checkedIn,
      'other answers': tickets.length - checkedIn,
      'checked_in_count after': counter.rows[0].n,
      'round trips per scan': tripsPerScan,
      'offline ticket verify (plain JS, avg of 1,000)': `${verifyMs.toFixed(2)} ms (${verified} genuine)`,
    };
  } finally {
    await drop();
  }
}
