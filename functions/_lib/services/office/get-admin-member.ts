import type { Db, Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { memberLookupScope, scopeParam, scopeSql, type OfficeScope } from './office-scope.js';
import { ADMIN_MEMBER_COLUMNS, ADMIN_MEMBER_FROM, toAdminMember, type AdminMemberRow } from './admin-member-rows.js';
import type { TAdminMember } from '../../../../shared/schemas.js';

/** One member as the office sees it, or null when it does not exist or lies outside the scope. */
export async function readAdminMember(db: Queryable, memberId: string, scope: OfficeScope): Promise<TAdminMember | null> {
  const { rows } = await db.query<AdminMemberRow>(`select ${ADMIN_MEMBER_COLUMNS} from ${ADMIN_MEMBER_FROM} where m.id = $2 and ${scopeSql(1)}`, [scopeParam(scope), memberId]);
  return rows[0] ? toAdminMember(rows[0]) : null;
}

/** A member outside the caller's subtree answers exactly like one that does not exist. */
export async function getAdminMember(options: { db: Db; userId: string; memberId: string }): Promise<TAdminMember> {
  const scope = memberLookupScope(await loadActor(options));
  const member = await readAdminMember(options.db, options.memberId, scope);
  if (!member) throw new AppError('NOT_FOUND', '未找到该会员');
  return member;
}
