import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { manageScope, scopeParam, scopeSql } from './office-scope.js';
import { readAdminMember } from './get-admin-member.js';
import type { TAdminMember, TMemberGroup } from '../../../../shared/schemas.js';

/** Sets a member's 会员类别 (admins; cadres within their subtree). Audited with the old and new groups. */
export async function updateMemberGroups(options: { db: Db; userId: string; memberId: string; groups: TMemberGroup[] }): Promise<TAdminMember> {
  const { db } = options;
  const scope = manageScope(await loadActor(options));
  return db.transaction(async (tx) => {
    // The old groups are read under the row lock so that the audit row tells the real change.
    const { rows } = await tx.query<{ before: string[] }>(
      `select m.groups as before from members m join orgs o on o.id = m.org_id where m.id = $2 and ${scopeSql(1)} for update of m`,
      [scopeParam(scope), options.memberId],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', '未找到该会员');
    await tx.query('update members set groups = $2::text[], updated_at = now() where id = $1', [options.memberId, options.groups]);
    await writeAudit({ db: tx, actorUserId: options.userId, action: 'member.groups', subjectType: 'member', subjectId: options.memberId, detail: { before: rows[0].before, after: options.groups } });
    return (await readAdminMember(tx, options.memberId, scope)) as TAdminMember;
  });
}
