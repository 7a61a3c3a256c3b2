import type { Db } from '../../db/index.js';
import { attachUploads } from '../uploads/attach-uploads.js';
import { AppError } from '../../errors.js';
import { checkRateLimit } from '../check-rate-limit.js';
import { loadActor, requireMember } from '../load-actor.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TStationReport, TStationReportRequest } from '../../../../shared/schemas.js';

/** Reports a member may make a minute, over all stations. */
export const REPORTS_PER_MINUTE = 10;
/** The station's union answers a report within this many working days (docs/stations.md). */
export const REPORT_WORKING_DAYS = 2;

type ReportRow = { id: string; station_id: string; kind: TStationReport['kind']; note: string | null; created_at: Date; resolved_at: Date | null };

export const toReport = (r: ReportRow): TStationReport => ({
  id: r.id,
  stationId: r.station_id,
  kind: r.kind,
  note: r.note,
  createdAt: toShanghaiIso(r.created_at),
  status: r.resolved_at ? 'resolved' : 'open',
});

/**
 * 反映问题. A member's second `closed` report on a station while the first is unresolved is the
 * same report (partial unique index station_reports_closed_once): the answer is the first one,
 * `created: false`, so one member can never make a station reported_closed alone.
 */
export async function reportStationProblem(options: { db: Db; userId: string; stationId: string; input: TStationReportRequest; now?: Date }): Promise<{ report: TStationReport; created: boolean }> {
  const { db, stationId, input } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor(options);
  requireMember(actor);
  await checkRateLimit({ db, bucket: `station-report:${actor.userId}`, limit: REPORTS_PER_MINUTE, message: '反映太频繁，请稍后再试' });
  const cols = 'id::text, station_id::text, kind, note, created_at, resolved_at';
  // The report and its photo's link (upload_links, reader check station_report_upload_readers, 020)
  // in one transaction: a photo that is not the reporter's own upload refuses the report whole.
  const rows = await db.transaction(async (tx) => {
    const { rows } = await tx.query<ReportRow & { station: string | null }>(
      `with st as (select id from stations where id = $1),
            ins as (insert into station_reports (station_id, member_id, kind, note, upload_id, created_at, deadline_at)
                    select id, $2, $3, $4, (select u.id from uploads u where u.id = $5::uuid and u.uploader_user_id = $8), $6, working_days_after($6, $7) from st
                    on conflict (station_id, member_id) where kind = 'closed' and resolved_at is null do nothing
                    returning ${cols})
       select (select id::text from st) as station, ins.* from (select 1) one left join ins on true`,
      [stationId, actor.memberId, input.kind, input.note || null, input.uploadId ?? null, now.toISOString(), REPORT_WORKING_DAYS, actor.userId],
    );
    const created = rows[0]?.id;
    if (created && input.uploadId) {
      try {
        await attachUploads({ db: tx, uploaderUserId: actor.userId, ownerKind: 'station_report', ownerId: created, uploadIds: [input.uploadId] });
      } catch (err) {
        if (err instanceof AppError && err.code === 'VALIDATION_FAILED') throw new AppError('VALIDATION_FAILED', '照片不存在或不是您本人上传的，请重新上传', { details: [{ path: 'uploadId', message: '照片不存在或不是您本人上传的' }] });
        throw err;
      }
    }
    return rows;
  });
  const r = rows[0];
  if (!r?.station) throw new AppError('NOT_FOUND', '驿站不存在');
  if (r.id) return { created: true, report: toReport(r) };
  const existing = await db.query<ReportRow>(
    `select ${cols} from station_reports where station_id = $1 and member_id = $2 and kind = 'closed' and resolved_at is null`,
    [stationId, actor.memberId],
  );
  return { created: false, report: toReport(existing.rows[0]) };
}
