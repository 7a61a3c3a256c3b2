import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireAdmin, toUser } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import type { TRevokeRoleRequest } from '../../../../shared/schemas.js';

/**
 * Takes a role away from a member's user (admins only). The city must keep an admin: revoking
 * the last one is refused. Every admin row is locked first, so two admins revoking each other at
 * the same moment cannot both succeed: the second sees the first's deletion and is refused.
 */
export async function revokeRole(options: { db: Db; userId: string; request: TRevokeRoleRequest }) {
  const { db, request } = options;
  requireAdmin(await loadActor(options));
  const orgId = request.role === 'admin' ? null : (request.orgId ?? null);
  const targetUserId = await db.transaction(async (tx) => {
    const user = await tx.query<{ id: string }>('select u.id::text from members m left join users u on u.member_id = m.id where m.id = $1', [request.memberId]);
    if (!user.rows[0]) throw new AppError('NOT_FOUND', '会员不存在');
    const target = user.rows[0].id;
    if (request.role === 'admin') {
      // Only admins whose role acts count (acting_roles: phone-verified or bootstrap); every admin
      // row is locked so that concurrent revocations see each other.
      const admins = await tx.query<{ user_id: string }>(
        `select r.user_id::text from roles r
          where r.role = 'admin' and r.id in (select id from acting_roles where role = 'admin') order by r.id for update`,
      );
      const others = admins.rows.filter((r) => r.user_id !== target);
      if (target && admins.rows.length > others.length && others.length === 0) throw new AppError('INVALID_TRANSITION', '这是市总工会最后一位管理员，不能撤销');
    }
    const deleted = target
      ? await tx.query('delete from roles where user_id = $1 and role = $2 and coalesce(org_id, 0) = coalesce($3::bigint, 0)', [target, request.role, orgId])
      : { rowCount: 0 };
    if (!deleted.rowCount) throw new AppError('NOT_FOUND', '该会员没有这个角色（可能已被撤销）');
    await writeAudit({ db: tx, actorUserId: options.userId, action: 'role.revoke', subjectType: 'user', subjectId: target, detail: { role: request.role, orgId } });
    return target as string;
  });
  return toUser(await loadActor({ db, userId: targetUserId }));
}
