import type { Db } from '../../db/index.js';
import { AppError, pgErrorCode } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { aidEligibilityReasons, loadAidProgram } from './aid-eligibility.js';
import { checkAidForm, type AidForm } from './aid-form.js';
import { attachAidDocuments } from './aid-documents.js';
import { readAidApplication } from './get-aid-application.js';
import type { TAidApplication } from '../../../../shared/schemas.js';

const ALREADY_APPLIED = () => new AppError('APPLICATION_PENDING', '您已申请过本项目，每人每个项目只能申请一次');

/**
 * A member applies: the applicant's name and union come from the roster, the amount from the
 * programme's level. One application per person and programme is the table's unique key, so two
 * taps at once give one application and one APPLICATION_PENDING.
 */
export async function submitAidApplication(options: { db: Db; userId: string; programId: string; form: AidForm; now?: Date }): Promise<TAidApplication> {
  const { db, form } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor(options);
  const program = await loadAidProgram(db, options.programId);
  const { reasons } = await aidEligibilityReasons({ db, actor, program, now });
  const first = reasons[0];
  if (first?.code === 'not_a_member') throw new AppError('NOT_A_MEMBER');
  if (first?.code === 'outside_org' || first?.code === 'not_in_group') throw new AppError('NOT_ELIGIBLE', first.message);
  if (reasons.some((r) => r.code === 'already_applied')) throw ALREADY_APPLIED();
  if (first) throw new AppError('WINDOW_CLOSED', first.message);
  const { amountFen } = checkAidForm(program, form);
  try {
    const id = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `insert into aid_applications (program_id, member_id, org_id, applicant_name, level, amount_fen, child_name, child_school, child_admission_year, documents, submitted_at, stage_started_at, updated_at)
         select $1, m.id, m.org_id, m.name, $3, $4, $5, $6, $7, $8::jsonb, $9, $9, $9 from members m where m.id = $2
         returning id::text`,
        [program.id, actor.memberId, form.level, amountFen, form.child?.name ?? null, form.child?.school ?? null, form.child?.admissionYear ?? null, JSON.stringify(form.documents), now],
      );
      await attachAidDocuments({ db: tx, userId: options.userId, applicationId: rows[0].id, documents: form.documents });
      await tx.query(`insert into aid_application_events (application_id, status, at, actor_user_id) values ($1, 'submitted', $2, $3)`, [rows[0].id, now, options.userId]);
      return rows[0].id;
    });
    return await readAidApplication(db, id, now);
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw ALREADY_APPLIED();
    throw err;
  }
}
