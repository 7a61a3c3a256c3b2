import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireAdmin } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';

/**
 * An admin takes a station out of service (福州 demotes or removes bad stations): it leaves the
 * search and shows `suspended`; `reason: null` puts it back in service.
 */
export async function suspendStation(options: { db: Queryable; userId: string; stationId: string; reason: string | null; now?: Date }): Promise<void> {
  const { db, stationId, reason } = options;
  const actor = await loadActor(options);
  requireAdmin(actor);
  const { rowCount } = await db.query(
    'update stations set suspended_at = case when $2::text is null then null else $3::timestamptz end, suspended_reason = $2, updated_at = now() where id = $1',
    [stationId, reason, (options.now ?? new Date()).toISOString()],
  );
  if (rowCount === 0) throw new AppError('NOT_FOUND', '驿站不存在');
  await writeAudit({ db, actorUserId: actor.userId, action: reason === null ? 'station.resume' : 'station.suspend', subjectType: 'station', subjectId: stationId, detail: reason === null ? {} : { reason } });
}
