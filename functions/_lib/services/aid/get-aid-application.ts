import type { Db, Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { APPLICATION_COLUMNS, APPLICATION_FROM, APPLICATION_TIMELINE, isAidReviewerOf, toApplication, type ApplicationRow } from './aid-rows.js';
import type { TAidApplication } from '../../../../shared/schemas.js';

type FullRow = ApplicationRow & { timeline: { status: ApplicationRow['status']; at: string; note: string | null }[] };

async function loadRow(db: Queryable, id: string): Promise<FullRow | null> {
  const { rows } = await db.query<FullRow>(`select ${APPLICATION_COLUMNS}, ${APPLICATION_TIMELINE} from ${APPLICATION_FROM} where a.id = $1`, [id]);
  return rows[0] ?? null;
}

/** An application as its answer, without a permission check: for services that have made theirs. */
export async function readAidApplication(db: Queryable, id: string, now = new Date()): Promise<TAidApplication> {
  const row = await loadRow(db, id);
  if (!row) throw new AppError('NOT_FOUND', '未找到该申请');
  return toApplication(row, now);
}

/**
 * One application with its timeline, for its applicant and its reviewers (cadres of the applicant's
 * union or above, admins). Anyone else gets 404, as if it did not exist. A reviewer's read is
 * audited (it shows a family's circumstances); the applicant's own is not.
 */
export async function getAidApplication(options: { db: Db; userId: string; applicationId: string }): Promise<TAidApplication> {
  const { db } = options;
  const actor = await loadActor(options);
  const row = await loadRow(db, options.applicationId);
  if (!row) throw new AppError('NOT_FOUND', '未找到该申请');
  const own = actor.memberId !== null && actor.memberId === row.member_id;
  if (!own) {
    if (!isAidReviewerOf(actor, row.org_path)) throw new AppError('NOT_FOUND', '未找到该申请');
    await writeAudit({ db, actorUserId: actor.userId, action: 'aid_application.read', subjectType: 'aid_application', subjectId: row.id, detail: { memberId: row.member_id } });
  }
  return toApplication(row);
}
