import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { lockForDecision, loadJoinOfficer, noticeApplicant } from './join-office.js';
import { REVIEW_WORKING_DAYS, readJoinApplication, toAdminJoinApplication } from './join-rows.js';
import type { TAdminJoinApplication } from '../../../../shared/schemas.js';

/**
 * Sends a pending application to the union it belongs to (any union: the right one may be outside
 * the caller's subtree). It stays pending; the receiving union gets a review period of its own
 * (reviewDueAt counts again from now), and the applicant is told where it went.
 */
export async function transferJoinApplication(options: { db: Db; userId: string; id: string; orgId: string; now?: Date }): Promise<TAdminJoinApplication> {
  const { db, id } = options;
  const now = options.now ?? new Date();
  const actor = await loadJoinOfficer(options);
  await db.transaction(async (tx) => {
    const row = await lockForDecision(tx, actor, id);
    const target = await tx.query<{ name: string }>('select name from orgs where id = $1', [options.orgId]);
    if (!target.rows[0]) throw new AppError('VALIDATION_FAILED', '要转去的工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
    if (options.orgId === row.org_id) throw new AppError('VALIDATION_FAILED', '申请已在该工会办理，请选择其他工会', { details: [{ path: 'orgId', message: '申请已在该工会办理' }] });
    await tx.query(`update join_applications set org_id = $2, transferred_at = $3, review_due_at = working_days_after($3, $4) where id = $1`, [id, options.orgId, now.toISOString(), REVIEW_WORKING_DAYS]);
    await noticeApplicant(tx, { row, status: 'transferred', orgName: target.rows[0].name, note: `已转至${target.rows[0].name}办理`, actorUserId: actor.userId, detail: { fromOrgId: row.org_id, toOrgId: options.orgId } });
  });
  return toAdminJoinApplication((await readJoinApplication(db, id))!, now);
}
