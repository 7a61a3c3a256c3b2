import type { Queryable } from '../../db/index.js';
import { inScopeSql } from '../load-actor.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TAdminStationReport, TAdminStationReportList } from '../../../../shared/schemas.js';
import { decodeIdCursor, encodeIdCursor } from './station-rows.js';
import { loadStationScope } from './station-scope.js';
import { toReport } from './report-station-problem.js';

type Row = {
  id: string; station_id: string; kind: TAdminStationReport['kind']; note: string | null; created_at: Date; deadline_at: Date;
  resolved_at: Date | null; resolution_note: string | null; upload_id: string | null;
  station_name: string; station_address: string; station_status: TAdminStationReport['stationStatus']; org_id: string; org_name: string;
};

/**
 * The reports on the stations the caller looks after: open ones oldest first (the queue, each with
 * its deadline), resolved ones newest first. The reporter is not named: the union acts on the
 * station, not on who reported it.
 */
export async function listStationReports(options: { db: Queryable; userId: string; status: 'open' | 'resolved'; orgId?: string; cursor?: string; limit: number; now?: Date }): Promise<TAdminStationReportList> {
  const { db, status, limit } = options;
  const now = options.now ?? new Date();
  const { scope, orgPath } = await loadStationScope(options);
  const after = options.cursor ? decodeIdCursor(options.cursor) : null;
  const open = status === 'open';
  const { rows } = await db.query<Row>(
    `select r.id::text, r.station_id::text, r.kind, r.note, r.created_at, r.deadline_at, r.resolved_at, r.resolution_note, r.upload_id,
            s.name as station_name, s.address as station_address, station_status(s.id, s.suspended_at) as station_status,
            o.id::text as org_id, o.name as org_name
       from station_reports r
       join stations s on s.id = r.station_id
       join orgs o on o.id = s.org_id
      where (r.resolved_at is null) = $1
        and ${inScopeSql('o.path', '$2')}
        and ($3::text is null or starts_with(o.path, $3))
        and ($4::bigint is null or (case when $1 then r.id > $4 else r.id < $4 end))
      order by case when $1 then r.id end asc, case when not $1 then r.id end desc
      limit $5`,
    [open, scope, orgPath, after, limit + 1],
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      ...toReport(r),
      stationName: r.station_name,
      stationAddress: r.station_address,
      stationStatus: r.station_status,
      orgId: r.org_id,
      orgName: r.org_name,
      deadlineAt: toShanghaiIso(r.deadline_at),
      overdue: !r.resolved_at && r.deadline_at.getTime() < now.getTime(),
      hasPhoto: r.upload_id !== null,
      uploadId: r.upload_id,
      resolvedAt: r.resolved_at ? toShanghaiIso(r.resolved_at) : null,
      resolutionNote: r.resolution_note,
    })),
    nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
  };
}
