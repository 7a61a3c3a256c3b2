import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { readJoinApplication, toJoinApplication } from './join-rows.js';
import type { TJoinApplication } from '../../../../shared/schemas.js';

/**
 * The applicant takes a pending application back. One conditional UPDATE: against a concurrent
 * approval (which holds the row lock) it re-reads the row after that commits and finds it no longer
 * pending, so exactly one of the two happens. Someone else's application is 404.
 */
export async function withdrawJoinApplication(options: { db: Db; userId: string; id: string; now?: Date }): Promise<TJoinApplication> {
  const { db, userId, id } = options;
  await loadActor(options);
  const done = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `update join_applications set status = 'withdrawn', decided_at = $3, decided_by = $2
        where id = $1 and user_id = $2 and status = 'pending' returning id::text`,
      [id, userId, (options.now ?? new Date()).toISOString()],
    );
    if (rows[0]) await writeAudit({ db: tx, actorUserId: userId, action: 'join.withdraw', subjectType: 'join_application', subjectId: id });
    return rows.length > 0;
  });
  const row = await readJoinApplication(db, id);
  if (!row || row.user_id !== userId) throw new AppError('NOT_FOUND');
  if (!done) throw new AppError('INVALID_TRANSITION', '该申请已办结，不能撤回');
  return toJoinApplication(row);
}
