import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { TStation } from '../../../../shared/schemas.js';
import { holidaysColumn, shanghaiToday, STATION_COLUMNS, toStation, type StationRow } from './station-rows.js';

/** One station, suspended ones included (their status says so); distance when the caller says where it is. */
export async function getStation(options: { db: Queryable; stationId: string; lat?: number; lng?: number; now?: Date }): Promise<TStation> {
  const where = options.lat !== undefined && options.lng !== undefined ? [options.lat, options.lng] : [null, null];
  const now = options.now ?? new Date();
  const { rows } = await options.db.query<StationRow>(
    `select ${STATION_COLUMNS}, ${holidaysColumn('$4')},
            case when $2::float8 is null or $3::float8 is null then null else station_distance_m($2, $3, s.lat, s.lng) end as distance_m
       from stations s join orgs o on o.id = s.org_id
      where s.id = $1`,
    [options.stationId, ...where, shanghaiToday(now)],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', '驿站不存在');
  return toStation(rows[0], now);
}
