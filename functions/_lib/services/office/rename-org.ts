import type { Db } from '../../db/index.js';
import { AppError, pgErrorCode } from '../../errors.js';
import { loadActor, requireAdmin } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import type { TOrg } from '../../../../shared/schemas.js';

/**
 * Renames a union (admins). Two unions under one parent cannot share a name (orgs_sibling_name):
 * that clash is 409 INVALID_TRANSITION, the contract's code for a change the rules refuse.
 */
export async function renameOrg(options: { db: Db; userId: string; orgId: string; name: string }): Promise<TOrg> {
  const { db } = options;
  requireAdmin(await loadActor(options));
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<TOrg & { before: string }>(
        `update orgs o set name = $2 from orgs old where o.id = $1 and old.id = o.id
         returning o.id::text, o.name, o.parent_id::text as "parentId", old.name as before`,
        [options.orgId, options.name],
      );
      if (!rows[0]) throw new AppError('NOT_FOUND', '未找到该工会');
      const { before, ...org } = rows[0];
      await writeAudit({ db: tx, actorUserId: options.userId, action: 'org.rename', subjectType: 'org', subjectId: org.id, detail: { before, after: org.name } });
      return org;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new AppError('INVALID_TRANSITION', '同一上级工会下已有同名工会，请换一个名称', { details: [{ path: 'name', message: '同一上级工会下已有同名工会' }] });
    throw err;
  }
}
