import type { Db } from '../../db/index.js';
import { lockForDecision, loadJoinOfficer, noticeApplicant } from './join-office.js';
import { readJoinApplication, toAdminJoinApplication } from './join-rows.js';
import type { TAdminJoinApplication } from '../../../../shared/schemas.js';

/** Rejection with a reason the applicant reads; they may apply again (the pending index frees). */
export async function rejectJoinApplication(options: { db: Db; userId: string; id: string; reason: string; now?: Date }): Promise<TAdminJoinApplication> {
  const { db, id, reason } = options;
  const now = options.now ?? new Date();
  const actor = await loadJoinOfficer(options);
  await db.transaction(async (tx) => {
    const row = await lockForDecision(tx, actor, id);
    await tx.query(`update join_applications set status = 'rejected', decided_at = $2, decided_by = $3, reject_reason = $4 where id = $1`, [id, now.toISOString(), actor.userId, reason]);
    await noticeApplicant(tx, { row, status: 'rejected', orgName: row.org_name, note: reason, actorUserId: actor.userId });
  });
  return toAdminJoinApplication((await readJoinApplication(db, id))!, now);
}
