import type { Db } from '../../db/index.js';
import { loadActor, requireAdmin } from '../load-actor.js';
import { notifyAidApplicants } from './notify-aid-applicant.js';
import { parseImportRow } from '../imports/parse-import-row.js';
import { ZAidPaymentRow } from '../../../../shared/schemas.js';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { AidStatus } from '../../../../shared/domain/aid.js';

type Rejected = { index: number; code: ErrorCode; message: string; column?: string };
type Current = { id: string; status: AidStatus; member_id: string; program_title: string; publicized_at: Date | null; paid_at: Date | null };

export async function authorizeAidPaymentImport(options: { db: Db; userId: string }): Promise<void> {
  requireAdmin(await loadActor(options));
}

/**
 * Payment results (admin): each row moves a publicized application to paid at `paidAt`, and its
 * member sees 已发放. A row alone is refused (unknown id, not publicized, paid before the notice,
 * repeated in the file); the good rows land together. The same file again changes nothing.
 */
export async function importAidPayments(options: { db: Db; userId: string; rows: unknown[] }) {
  const { db } = options;
  await authorizeAidPaymentImport(options);
  const rejected: Rejected[] = [];
  const parsed: { index: number; applicationId: string; paidAt: string }[] = [];
  const seen = new Set<string>();
  options.rows.forEach((raw, index) => {
    // a spreadsheet cell that could not be read arrives as its problem; `column` names the field at fault
    const r = parseImportRow(ZAidPaymentRow, raw, index);
    if ('rejected' in r) return void rejected.push(r.rejected);
    if (seen.has(r.data.applicationId)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '申请编号与本次导入的前面某行重复', column: 'applicationId' });
    seen.add(r.data.applicationId);
    parsed.push({ index, ...r.data });
  });
  let updated = 0;
  let unchanged = 0;
  const landed: { index: number; id: string }[] = [];
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<Current>(
      `select a.id::text as id, a.status, a.member_id::text as member_id, p.title as program_title, a.publicized_at, a.paid_at
         from aid_applications a join aid_programs p on p.id = a.program_id
        where a.id = any($1::bigint[]) order by a.id for update of a`,
      [parsed.map((r) => r.applicationId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const paid: { id: string; paidAt: string; member: string; title: string }[] = [];
    for (const row of parsed) {
      const app = byId.get(row.applicationId);
      const paidAt = new Date(row.paidAt);
      if (!app) rejected.push({ index: row.index, code: 'NOT_FOUND', message: '没有这个申请编号', column: 'applicationId' });
      else if (app.status === 'paid' && app.paid_at && new Date(app.paid_at).getTime() === paidAt.getTime()) {
        unchanged++;
        landed.push({ index: row.index, id: app.id });
      } else if (app.status !== 'publicized') rejected.push({ index: row.index, code: 'INVALID_TRANSITION', message: '该申请尚未公示或已发放，不能登记发放', column: 'applicationId' });
      else if (app.publicized_at && paidAt.getTime() < new Date(app.publicized_at).getTime()) rejected.push({ index: row.index, code: 'VALIDATION_FAILED', message: '发放时间不能早于公示开始时间', column: 'paidAt' });
      else {
        paid.push({ id: app.id, paidAt: row.paidAt, member: app.member_id, title: app.program_title });
        landed.push({ index: row.index, id: app.id });
      }
    }
    if (paid.length === 0) return;
    await tx.query(
      `update aid_applications a set status = 'paid', paid_at = v.paid_at, updated_at = now()
         from unnest($1::bigint[], $2::timestamptz[]) as v(id, paid_at) where a.id = v.id`,
      [paid.map((p) => p.id), paid.map((p) => p.paidAt)],
    );
    await tx.query(
      `insert into aid_application_events (application_id, status, at, note, actor_user_id)
       select v.id, 'paid', v.paid_at, '帮扶金已发放', $3 from unnest($1::bigint[], $2::timestamptz[]) as v(id, paid_at)`,
      [paid.map((p) => p.id), paid.map((p) => p.paidAt), options.userId],
    );
    await notifyAidApplicants(tx, paid.map((p) => ({ applicationId: p.id, memberId: p.member, programTitle: p.title, status: 'paid' as const })));
    updated = paid.length;
  });
  rejected.sort((a, b) => a.index - b.index);
  landed.sort((a, b) => a.index - b.index);
  return { created: 0, updated, unchanged, rejected, landed };
}
