// The venue of issue #15: 1,000 members' codes checked through the HTTP server on the local
// PostgreSQL, one verifier at a time (the verdict's own latency, target p99 ≤ 20 ms) and 8 venues
// at once; beside it, what checking one code costs a phone offline (both signatures in plain JS).
import { loadavg } from 'node:os';
import { signSession } from '../functions/_lib/auth/session.js';
import { getConfig } from '../functions/_lib/config.js';
import type { Db } from '../functions/_lib/db/index.js';
import { issueMemberCard } from '../functions/_lib/services/card/issue-member-card.js';
import { checkMemberCode } from '../shared/domain/member-codes.js';
import { freshDatabase, startServer, runBounded, percentile, ms, request, PG_URL } from './support.js';

const MEMBERS = 1000;
const BUSY = 8;

async function seed(db: Db) {
  const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('会员码压测工会', '') returning id::text`);
  const orgId = org[0].id;
  await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [orgId]);
  // Ten venue accounts take turns: one account's rate window (300 a minute) is a real venue's, not a benchmark's.
  const { rows: verifiers } = await db.query<{ id: string }>(
    `with u as (insert into users (openid) select 'bench-verifier-' || g from generate_series(1, 10) g returning id),
          r as (insert into roles (user_id, role, bootstrap) select id, 'verifier', true from u)
     select id::text from u`,
  );
  await db.query(
    `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, joined_on)
     select $1, 'V' || lpad(g::text, 6, '0'), '会员' || g, md5('bench-card' || g), '410***********0000', '138****0000', date '2020-01-01' from generate_series(1, $2) g`,
    [orgId, MEMBERS],
  );
  const { rows: users } = await db.query<{ id: string }>(
    `insert into users (openid, member_id, verification) select 'bench-card-' || m.id, m.id, 'phone' from members m where m.org_id = $1 returning id::text`,
    [orgId],
  );
  return { verifierUserIds: verifiers.map((v) => v.id), memberUserIds: users.map((u) => u.id) };
}

export async function benchMemberCode(): Promise<Record<string, string | number>> {
  const { db, drop } = await freshDatabase('union_bench_card', 20);
  try {
    const config = getConfig();
    const { verifierUserIds, memberUserIds } = await seed(db);
    const codes: string[] = [];
    for (const userId of memberUserIds) codes.push((await issueMemberCard({ db, config, userId })).code);
    const tokens = verifierUserIds.map((id) => signSession(id, config.sessionSecret, 600));
    let turn = 0;
    const server = await startServer(db);
    const check = (code: string) => async () => {
      const res = await request(`${server.base}/api/member-codes/verify`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[turn++ % tokens.length]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ code }),
      });
      return res.status;
    };
    // Warm the server (modules, key objects, the pool) with unmeasured checks of the same codes.
    await runBounded(codes.slice(0, 50).map(check), 1);
    const half = codes.length / 2;
    const tripsBefore = db.stats.roundTrips;
    const single = await runBounded(codes.slice(0, half).map(check), 1);
    const busy = await runBounded(codes.slice(half).map(check), BUSY);
    const tripsPerCheck = (db.stats.roundTrips - tripsBefore) / codes.length;
    await server.close();
    const results = [...single.results, ...busy.results];

    const t0 = performance.now();
    let valid = 0;
    const now = Math.floor(Date.now() / 1000);
    for (const code of codes.slice(0, 200)) if (checkMemberCode(code, config.ticketPublicKey, now).ok) valid++;
    const offlineMs = (performance.now() - t0) / 200;

    return {
      'member-code venue': `${codes.length} members' codes over HTTP on PostgreSQL (${new URL(PG_URL).host})`,
      'one venue: verdict latency p50': ms(percentile(single.latencies, 50)),
      'one venue: verdict latency p99': `${ms(percentile(single.latencies, 99))} (target ≤ 20 ms)`,
      [`busy (${BUSY} in flight): checks/s`]: Math.round(busy.results.length / busy.seconds),
      [`busy (${BUSY} in flight): latency p50 / p99`]: `${ms(percentile(busy.latencies, 50))} / ${ms(percentile(busy.latencies, 99))}`,
      'valid (200)': results.filter((s) => s === 200).length,
      'other answers': results.filter((s) => s !== 200).length,
      'round trips per check': tripsPerCheck,
      'machine load average (1 min) at the end': loadavg()[0].toFixed(1),
      'offline check on a phone (plain JS, avg of 200)': `${offlineMs.toFixed(2)} ms (${valid} valid)`,
    };
  } finally {
    await drop();
  }
}
