import { MEMBER_COLUMNS } from '../get-member.js';
import type { TAdminMember } from '../../../../shared/schemas.js';

/**
 * api.md's Member plus what the office needs: groups, 户号 (household_no; office answers only), how the binding was proven (users.verification;
 * no user or an unbound role holder is 'none') and the roles of the member's user with union names.
 * Reads `members m join orgs o` and the member's user row `u` (left join users u on u.member_id = m.id).
 */
export const ADMIN_MEMBER_COLUMNS = `${MEMBER_COLUMNS}, m.groups, m.household_no as "householdNo",
  case when u.openid is null then 'none' else coalesce(u.verification, 'none') end as binding,
  coalesce((select json_agg(json_build_object('role', r.role, 'orgId', r.org_id::text, 'orgName', ro.name) order by r.id)
              from roles r left join orgs ro on ro.id = r.org_id where r.user_id = u.id), '[]'::json) as roles`;

export const ADMIN_MEMBER_FROM = `members m join orgs o on o.id = m.org_id left join users u on u.member_id = m.id`;

export type AdminMemberRow = TAdminMember & { org_path?: string };

export function toAdminMember(row: AdminMemberRow): TAdminMember {
  const { org_path: _path, ...member } = row;
  return member;
}
