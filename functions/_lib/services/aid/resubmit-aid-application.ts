import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireMember } from '../load-actor.js';
import { loadAidProgram } from './aid-eligibility.js';
import { checkAidForm } from './aid-form.js';
import { attachAidDocuments } from './aid-documents.js';
import { readAidApplication } from './get-aid-application.js';
import type { AidStatus } from '../../../../shared/domain/aid.js';
import type { TAidApplication, TAidApplicationPatch } from '../../../../shared/schemas.js';

type Current = {
  id: string;
  program_id: string;
  status: AidStatus;
  level: string;
  child_name: string | null;
  child_school: string | null;
  child_admission_year: number | null;
  documents: { key: string; uploadId: string }[];
};

/**
 * A returned application, corrected by its applicant and submitted again: what the patch names
 * replaces what was there, the whole form is checked again, and it goes back to the first review
 * level. Its timeline keeps everything that happened before. Allowed after the programme's window
 * closed (the correction was asked for inside it). Not returned: INVALID_TRANSITION.
 */
export async function resubmitAidApplication(options: { db: Db; userId: string; applicationId: string; patch: TAidApplicationPatch; now?: Date }): Promise<TAidApplication> {
  const { db, patch } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor(options);
  requireMember(actor);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<Current>(
      `select id::text, program_id::text, status, level, child_name, child_school, child_admission_year, documents
         from aid_applications where id = $1 and member_id = $2 for update`,
      [options.applicationId, actor.memberId],
    );
    const app = rows[0];
    if (!app) throw new AppError('NOT_FOUND', '未找到该申请');
    if (app.status !== 'returned') throw new AppError('INVALID_TRANSITION', '只有退回修改的申请才能修改后重新提交');
    const program = await loadAidProgram(tx, app.program_id);
    const child =
      patch.child ??
      (app.child_name !== null && app.child_school !== null && app.child_admission_year !== null
        ? { name: app.child_name, school: app.child_school, admissionYear: app.child_admission_year }
        : undefined);
    const form = { level: patch.level ?? app.level, child, documents: patch.documents ?? app.documents };
    const { amountFen } = checkAidForm(program, form);
    if (patch.documents) await attachAidDocuments({ db: tx, userId: options.userId, applicationId: app.id, documents: patch.documents });
    await tx.query(
      `update aid_applications
          set status = 'submitted', level = $2, amount_fen = $3, child_name = $4, child_school = $5, child_admission_year = $6,
              documents = $7::jsonb, return_reason = null, return_document_key = null, grassroots_by = null, approved_by = null,
              stage_started_at = $8, updated_at = $8
        where id = $1`,
      [app.id, form.level, amountFen, child?.name ?? null, child?.school ?? null, child?.admissionYear ?? null, JSON.stringify(form.documents), now],
    );
    await tx.query(`insert into aid_application_events (application_id, status, at, note, actor_user_id) values ($1, 'submitted', $2, '修改后重新提交', $3)`, [app.id, now, options.userId]);
  });
  return readAidApplication(db, options.applicationId, now);
}
