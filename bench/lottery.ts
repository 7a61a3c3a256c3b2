// The lottery of issue #16: 50,000 applicants for 500 seats. Applications through the HTTP server
// on the local PostgreSQL (from a separate load process, as the first-come burst), beside a
// first-come burst on the same server for comparison; then the draw's time and its result
// checked by the recompute function (shared/domain/lottery.ts, what scripts/verify-draw.ts runs).
import { createHash, randomBytes } from 'node:crypto';
import { signSession } from '../functions/_lib/auth/session.js';
import { getConfig } from '../functions/_lib/config.js';
import type { Db } from '../functions/_lib/db/index.js';
import { drawLotteryOnly } from '../functions/_lib/services/lottery/draw-lottery.js';
import { getDraw } from '../functions/_lib/services/lottery/get-draw.js';
import { DRAW_NOTICE_BATCH, notifyDrawResults } from '../functions/_lib/services/lottery/notify-draw-results.js';
import { verifyPublishedDraw } from '../shared/domain/lottery.js';
import { freshDatabase, startServer, loadFromOtherProcess, percentile, ms, PG_URL } from './support.js';

const APPLICANTS = 50_000;
const SEATS = 500;
/** How many of the 50,000 apply through HTTP; the rest are inserted directly (then said so). */
const HTTP_APPLICANTS = Math.min(APPLICANTS, Number(process.env.BENCH_LOTTERY_HTTP ?? APPLICANTS));
const FIRST_COME = 2000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

async function seedMembers(db: Db, n: number) {
  const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('抽签压测工会' || nextval(pg_get_serial_sequence('orgs', 'id')), '') returning id::text`);
  await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [org[0].id]);
  // one in ten is a 困难职工, one in twenty a 劳模: the priority groups have real competition
  await db.query(
    `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, groups)
     select $1::bigint, 'L' || $1::text || '-' || g, '会员' || g, md5('lottery' || $1::text || '-' || g), '410***********0000', '138****0000',
            case when g % 10 = 0 then array['hardship'] when g % 20 = 1 then array['model_worker'] else '{}'::text[] end
       from generate_series(1, $2) g`,
    [org[0].id, n],
  );
  const { rows: users } = await db.query<{ id: string }>(`insert into users (openid, member_id) select 'lot-' || m.id, m.id from members m where m.org_id = $1 order by m.id returning id::text`, [org[0].id]);
  return { orgId: org[0].id, userIds: users.map((u) => u.id) };
}

async function activity(db: Db, orgId: string, lottery: boolean, capacity: number): Promise<string> {
  const seed = randomBytes(32).toString('hex');
  const { rows } = await db.query<{ id: string }>(
    `insert into activities (org_id, title, category, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled, audience,
                             allocation, priority_groups, priority_share, draw_seed_hash)
     values ($1, '惠工游（抽签）', 'tour', '{"name":"黄河"}', now() + interval '2 days', now() + interval '3 days', now() - interval '1 minute', now() + interval '1 day', $2, true, 'all',
             $3, $4, $5, $6)
     returning id::text`,
    [orgId, capacity, lottery ? 'lottery' : 'first_come', lottery ? ['hardship', 'model_worker'] : [], lottery ? 20 : 0, lottery ? createHash('sha256').update(seed).digest('hex') : null],
  );
  if (lottery) await db.query('insert into lottery_seeds (activity_id, seed) values ($1, $2)', [rows[0].id, seed]);
  return rows[0].id;
}

export async function benchLottery(): Promise<Record<string, string | number>> {
  const { db, drop } = await freshDatabase('union_bench_lottery', Number(process.env.BENCH_POOL ?? 8));
  try {
    const crowd = await seedMembers(db, APPLICANTS);
    const fc = await seedMembers(db, FIRST_COME);
    const lotteryId = await activity(db, crowd.orgId, true, SEATS);
    const firstComeId = await activity(db, fc.orgId, false, 150);
    const secret = getConfig().sessionSecret;
    const jobs = (ids: string[]) => ids.map((userId) => ({ headers: { authorization: `Bearer ${signSession(userId, secret, 3600)}` } }));
    const url = (id: string, base: string) => `${base}/api/activities/${id}/registrations`;

    const server = await startServer(db);
    // the first-come burst first (its usual 2,000 for 150 seats), warmed by 1,000 lottery applications
    const warm = crowd.userIds.slice(0, 1000);
    const burst = await loadFromOtherProcess({
      warmup: { url: url(lotteryId, server.base), method: 'POST', requests: jobs(warm), concurrency: CONCURRENCY },
      url: url(firstComeId, server.base),
      method: 'POST',
      requests: jobs(fc.userIds),
      concurrency: CONCURRENCY,
    });
    const viaHttp = crowd.userIds.slice(1000, 1000 + Math.max(0, HTTP_APPLICANTS - 1000));
    const applications = await loadFromOtherProcess({ url: url(lotteryId, server.base), method: 'POST', requests: jobs(viaHttp), concurrency: CONCURRENCY });
    await server.close();
    const rest = crowd.userIds.slice(1000 + viaHttp.length);
    if (rest.length) {
      await db.query(
        `insert into registrations (activity_id, member_id, status, seq, created_at)
         select $1, u.member_id, 'applied', nextval('registration_lottery_seq'), now() from users u where u.id = any($2::bigint[])`,
        [lotteryId, rest],
      );
    }
    const applied = (await db.query<{ n: number }>(`select count(*)::int as n from registrations where activity_id = $1 and status = 'applied'`, [lotteryId])).rows[0].n;
    const okApplications = applications.results.filter((r) => r === '201:applied').length;

    // sign-up closes; the draw as the scheduler runs it
    await db.query(`update activities set signup_opens_at = now() - interval '2 hours', signup_closes_at = now() - interval '1 second' where id = $1`, [lotteryId]);
    await db.query('vacuum analyze registrations');
    const t0 = performance.now();
    await drawLotteryOnly({ db, userId: null, activityId: lotteryId });
    const drawMs = performance.now() - t0;
    // then every applicant's notice, in batches after the commit (notify-draw-results.ts)
    const tn = performance.now();
    const noticesWritten = await notifyDrawResults({ db, activityId: lotteryId });
    const noticesMs = performance.now() - tn;
    const t1 = performance.now();
    const result = await getDraw({ db, activityId: lotteryId });
    const readMs = performance.now() - t1;
    const t2 = performance.now();
    const check = verifyPublishedDraw(result);
    const verifyMs = performance.now() - t2;
    const count = (o: string) => result.entries.filter((e) => e.outcome === o).length;
    const lotteryRate = viaHttp.length / applications.seconds;
    const burstRate = fc.userIds.length / burst.seconds;
    const load = (await import('node:os')).loadavg()[0];
    return {
      'machine load (1 min average, 2 cores)': load.toFixed(1),
      setup: `${APPLICANTS} applicants for ${SEATS} seats (priority 20 % for 困难职工/劳模), HTTP on PostgreSQL (${new URL(PG_URL).host}), ${CONCURRENCY} in flight from a separate load process`,
      'applications through HTTP':
        rest.length > 0
          ? `${viaHttp.length} measured (+1,000 unmeasured warm-up); the other ${rest.length} inserted directly (BENCH_LOTTERY_HTTP=${HTTP_APPLICANTS}), NOT through HTTP`
          : `all ${APPLICANTS}: ${viaHttp.length} measured after 1,000 unmeasured warm-up`,
      'lottery applications/s (HTTP)': Math.round(lotteryRate),
      'lottery latency p50 / p99': `${ms(percentile(applications.latencies, 50))} / ${ms(percentile(applications.latencies, 99))}`,
      'lottery answers not 201 applied': applications.results.length - okApplications,
      'first-come burst sign-ups/s (same server, 2,000 for 150 seats)': `${Math.round(burstRate)} (p99 ${ms(percentile(burst.latencies, 99))})`,
      'lottery / first-come throughput': `${(lotteryRate / burstRate).toFixed(2)} ×`,
      'applied before the draw': applied,
      'draw (one transaction; goal ≤ 2 s)': ms(drawMs),
      [`notices after the draw (batches of ${DRAW_NOTICE_BATCH.toLocaleString('en')})`]: `${noticesWritten} written in ${ms(noticesMs)}`,
      'draw outcome': `${count('confirmed')} confirmed, ${count('waitlisted')} waitlisted, ${count('not_selected')} not selected`,
      'public result read (50,000 entries)': ms(readMs),
      'recompute (verifyPublishedDraw)': `${check.ok ? 'matches' : `DOES NOT MATCH: ${check.problems.slice(0, 3).join('; ')}`} in ${ms(verifyMs)}`,
    };
  } finally {
    await drop();
  }
}
