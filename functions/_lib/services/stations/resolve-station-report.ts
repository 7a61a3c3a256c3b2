import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { inScopeSql } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import type { TStationReport } from '../../../../shared/schemas.js';
import { loadStationScope } from './station-scope.js';
import { toReport } from './report-station-problem.js';

/**
 * The station's union (or an admin) closes a report with a note. A report outside the caller's
 * subtree is 404, as one that does not exist; a resolved one is 409 INVALID_TRANSITION (the
 * conditional UPDATE decides, so two cadres resolving at once cannot both succeed).
 */
export async function resolveStationReport(options: { db: Queryable; userId: string; reportId: string; note: string; now?: Date }): Promise<TStationReport> {
  const { db, reportId } = options;
  const now = options.now ?? new Date();
  const { actor, scope } = await loadStationScope(options);
  const { rows } = await db.query<{ id: string; station_id: string; kind: TStationReport['kind']; note: string | null; created_at: Date; resolved_at: Date | null; updated: boolean }>(
    `with target as (
       select r.id from station_reports r join stations s on s.id = r.station_id join orgs o on o.id = s.org_id
        where r.id = $1 and ${inScopeSql('o.path', '$2')}),
     upd as (
       update station_reports set resolved_at = $3, resolved_by = $4, resolution_note = $5
        where id = (select id from target) and resolved_at is null
        returning id::text, station_id::text, kind, note, created_at, resolved_at)
     select upd.*, true as updated from upd
     union all
     select r.id::text, r.station_id::text, r.kind, r.note, r.created_at, r.resolved_at, false from station_reports r
      where r.id = (select id from target) and not exists (select 1 from upd)`,
    [reportId, scope, now.toISOString(), actor.userId, options.note],
  );
  const r = rows[0];
  if (!r) throw new AppError('NOT_FOUND', '该问题反映不存在');
  if (!r.updated) throw new AppError('INVALID_TRANSITION', '该问题已处理过');
  await writeAudit({ db, actorUserId: actor.userId, action: 'station_report.resolve', subjectType: 'station_report', subjectId: reportId });
  return toReport(r);
}
