import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { loadActor, requireAdmin, toUser } from './load-actor.js';
import { writeAudit } from './write-audit.js';
import type { TGrantRoleRequest } from '../../../shared/schemas.js';

/** Grants a role to a member's user; a member who never logged in gets a user row waiting for them. */
export async function grantRole(options: { db: Db; userId: string; request: TGrantRoleRequest }) {
  const { db, request } = options;
  requireAdmin(await loadActor(options));
  const orgId = request.role === 'admin' ? null : (request.orgId ?? null);
  const targetUserId = await db.transaction(async (tx) => {
    const member = await tx.query('select 1 from members where id = $1', [request.memberId]);
    if (!member.rowCount) throw new AppError('NOT_FOUND', '会员不存在');
    if (orgId) {
      const org = await tx.query('select 1 from orgs where id = $1', [orgId]);
      if (!org.rowCount) throw new AppError('VALIDATION_FAILED', '工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
    }
    const { rows } = await tx.query<{ id: string }>(
      `with ins as (insert into users (member_id) values ($1) on conflict (member_id) do nothing returning id)
       select id::text from ins union all select id::text from users where member_id = $1`,
      [request.memberId],
    );
    const target = rows[0].id;
    await tx.query('insert into roles (user_id, role, org_id) values ($1, $2, $3) on conflict do nothing', [target, request.role, orgId]);
    await writeAudit({ db: tx, actorUserId: options.userId, action: 'role.grant', subjectType: 'user', subjectId: target, detail: { role: request.role, orgId } });
    return target;
  });
  return toUser(await loadActor({ db, userId: targetUserId }));
}
