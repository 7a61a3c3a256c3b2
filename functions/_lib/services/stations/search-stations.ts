import type { Queryable } from '../../db/index.js';
import { hoursIndexCandidates } from '../../../../shared/domain/opening-hours.js';
import type { TStationList, TStationSearchQuery } from '../../../../shared/schemas.js';
import { decodeNearCursor, encodeNearCursor, holidaysColumn, shanghaiToday, STATION_COLUMNS, toStation, type StationRow } from './station-rows.js';

/**
 * Stations nearest first within the radius, filtered by service and open now: one statement, one
 * round trip. search_stations() (019_stations.sql) picks the ids through the (lat_band, lng) index
 * and decides distance, filters and order in SQL, so the page is exact under its LIMIT; this
 * statement adds the columns and the status. "Open now" is decided in SQL from hours_index at the
 * positions of the application's clock, and shown from the same hours by the shared evaluator.
 * Whether today and yesterday are public holidays (`PH`) is read from calendar_days in the same
 * statement: of the four candidate positions it picks the two that hold.
 */
export async function searchStations(options: { db: Queryable; query: TStationSearchQuery; now?: Date }): Promise<TStationList> {
  const { db, query } = options;
  const now = options.now ?? new Date();
  const after = query.cursor ? decodeNearCursor(query.cursor) : null;
  const { rows } = await db.query<StationRow & { distance_m: number }>(
    `select ${STATION_COLUMNS}, ${holidaysColumn('$9')}, f.distance_m
       from search_stations($1, $2, $3, $4,
                            case when $5::int[] is null then null
                                 else array[$5[case when $9::date = any(public_holidays($9::date - 1, $9::date)) then 2 else 1 end],
                                            $5[case when $9::date - 1 = any(public_holidays($9::date - 1, $9::date)) then 4 else 3 end]] end,
                            $6, $7, $8) f
       join stations s on s.id = f.station_id
       join orgs o on o.id = s.org_id
      order by f.distance_m, f.station_id`,
    [query.lat, query.lng, query.radiusKm * 1000, query.service ?? null, query.openNow ? hoursIndexCandidates(now) : null, after?.distance ?? null, after?.id ?? null, query.limit + 1, shanghaiToday(now)],
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toStation(r, now)),
    nextCursor: rows.length > query.limit && last ? encodeNearCursor(Number(last.distance_m), last.id) : null,
  };
}
