// Issue #18's figures: nearest 20 love stations within 5 km from random points in Zhengzhou's
// bounds, measured through the service the endpoint calls (searchStations: one statement).
// PostgreSQL with 200,000 stations (goal p99 ≤ 20 ms), and PGlite, the embedded default, with the
// demo's 887. Each line also gives the round trips per search, counted by the Db adapter.
import { createPgliteDb } from '../functions/_lib/db/pglite.js';
import { migrateDb } from '../functions/_lib/db/migrate.js';
import type { Db } from '../functions/_lib/db/index.js';
import { searchStations } from '../functions/_lib/services/stations/search-stations.js';
import type { TStationSearchQuery } from '../shared/schemas.js';
import { hoursIndexOf, random, seedStations, STATION_HOURS } from '../scripts/seed-stations.js';
import { freshDatabase, ms, percentile } from './support.js';

const BIG = Number(process.env.BENCH_STATIONS ?? 200_000);
const QUERIES = Number(process.env.BENCH_STATION_QUERIES ?? 2_000);
const BOUNDS = { lat: [34.6, 34.9], lng: [113.5, 113.9] };

async function measure(db: Db, extra: Partial<TStationSearchQuery>, n: number, seed: number) {
  const rnd = random(seed);
  const point = () => ({ lat: BOUNDS.lat[0] + rnd() * 0.3, lng: BOUNDS.lng[0] + rnd() * 0.4 });
  for (let i = 0; i < 50; i++) await searchStations({ db, query: { ...point(), radiusKm: 5, limit: 20, ...extra } }); // warm up
  const latencies: number[] = [];
  let found = 0;
  const trips = db.stats.roundTrips;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const page = await searchStations({ db, query: { ...point(), radiusKm: 5, limit: 20, ...extra } });
    latencies.push(performance.now() - started);
    found += page.items.length;
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), trips: (db.stats.roundTrips - trips) / n, found: found / n };
}

const line = (m: Awaited<ReturnType<typeof measure>>) => `p50 ${ms(m.p50)}, p99 ${ms(m.p99)}, ${m.trips} round trip(s) per search, ${m.found.toFixed(1)} stations per page`;

export async function benchStations(): Promise<Record<string, string | number>> {
  const out: Record<string, string | number> = {};
  const { db, drop } = await freshDatabase('union_bench_stations', 2);
  try {
    const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('压测市总工会', '') returning id::text`);
    await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [org[0].id]);
    // the demo's kinds of opening hours (scripts/seed-stations.ts), one in four each
    const hours = [...hoursIndexOf(STATION_HOURS.map(([t]) => t))];
    // 200,000 stations uniformly over Zhengzhou's bounds, in random order (as imports by many unions land)
    await db.query(
      `insert into stations (org_id, name, address, lat, lng, opening_hours, hours_index, services)
       select $1, '压测驿站' || g, '压测路' || g || '号', 34.6 + random() * 0.3, 113.5 + random() * 0.4,
              ($2::text[])[1 + g % 4], (($3::text[])[1 + g % 4])::int4multirange,
              case when g % 5 < 3 then array['water', 'toilet', 'rest'] else array['water', 'charging'] end
         from generate_series(1, $4::int) g`,
      [org[0].id, hours.map((h) => h[0]), hours.map((h) => h[1]), BIG],
    );
    await db.query('vacuum analyze stations');
    out[`PostgreSQL, ${BIG.toLocaleString('en')} stations, nearest 20 within 5 km (${QUERIES} searches)`] = line(await measure(db, {}, QUERIES, 1));
    out['PostgreSQL, same, service=toilet and openNow=true'] = line(await measure(db, { service: 'toilet', openNow: true }, QUERIES, 2));
  } finally {
    await drop();
  }

  const lite = await createPgliteDb();
  try {
    await migrateDb(lite);
    const ids: Record<string, { id: string }> = {};
    for (const name of ['郑州市总工会', '金水区总工会', '二七区总工会']) {
      const { rows } = await lite.query<{ id: string }>(`insert into orgs (name, path) values ($1, '') returning id::text`, [name]);
      await lite.query(`update orgs set path = '/' || id || '/' where id = $1`, [rows[0].id]);
      ids[name] = rows[0];
    }
    await seedStations(lite, ids);
    await lite.query('analyze stations');
    out[`PGlite (embedded), the demo's 887 stations, nearest 20 within 5 km (${QUERIES} searches)`] = line(await measure(lite, {}, QUERIES, 3));
    out['PGlite, same, service=toilet and openNow=true'] = line(await measure(lite, { service: 'toilet', openNow: true }, QUERIES, 4));
  } finally {
    await lite.close();
  }
  return out;
}
