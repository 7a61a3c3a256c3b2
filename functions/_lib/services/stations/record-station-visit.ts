import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { checkRateLimit } from '../check-rate-limit.js';
import { loadActor, requireMember } from '../load-actor.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TStationVisit } from '../../../../shared/schemas.js';

/** Taps of 我来过 a member may make a minute, over all stations (a script, not a rider). */
export const VISITS_PER_MINUTE = 20;

/**
 * 我来过: the member used the station and it was open. Every visit moves lastConfirmedAt; a visit
 * counts once per member, station and hour (unique key in the database), so tapping again within
 * the hour answers the visit already counted (`created: false`) and adds nothing to reliability.
 */
export async function recordStationVisit(options: { db: Queryable; userId: string; stationId: string; now?: Date }): Promise<{ visit: TStationVisit; created: boolean }> {
  const { db, stationId } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor(options);
  requireMember(actor);
  await checkRateLimit({ db, bucket: `station-visit:${actor.userId}`, limit: VISITS_PER_MINUTE, message: '操作太频繁，请稍后再试' });
  const hour = new Date(now.getTime() - (now.getTime() % 3_600_000));
  const { rows } = await db.query<{ station: string | null; visit_id: string | null; last_confirmed_at: Date | null }>(
    `with st as (select id from stations where id = $1),
          v as (insert into station_visits (station_id, member_id, created_at, hour_bucket)
                select id, $2, $3, $4 from st
                on conflict (station_id, member_id, hour_bucket) do nothing
                returning id),
          u as (update stations set last_confirmed_at = greatest(coalesce(last_confirmed_at, $3::timestamptz), $3::timestamptz)
                 where id = (select id from st) returning last_confirmed_at)
     select (select id::text from st) as station, (select id::text from v) as visit_id, (select last_confirmed_at from u) as last_confirmed_at`,
    [stationId, actor.memberId, now.toISOString(), hour.toISOString()],
  );
  const r = rows[0];
  if (!r?.station) throw new AppError('NOT_FOUND', '驿站不存在');
  const lastConfirmedAt = toShanghaiIso(r.last_confirmed_at as Date);
  if (r.visit_id) return { created: true, visit: { id: r.visit_id, stationId, createdAt: toShanghaiIso(now), lastConfirmedAt } };
  const earlier = await db.query<{ id: string; created_at: Date }>(
    'select id::text, created_at from station_visits where station_id = $1 and member_id = $2 and hour_bucket = $3',
    [stationId, actor.memberId, hour.toISOString()],
  );
  const e = earlier.rows[0];
  return { created: false, visit: { id: e.id, stationId, createdAt: toShanghaiIso(e.created_at), lastConfirmedAt } };
}
