import type { Queryable } from '../db/index.js';
import type { TMember } from '../../../shared/schemas.js';

export const MEMBER_COLUMNS = `m.id::text as id, m.member_no as "memberNo", m.name, m.org_id::text as "orgId", o.name as "orgName",
  m.phone_masked as "phoneMasked", m.id_masked as "idNumberMasked"`;

/** The member as api.md's `Member`: ID number and phone only masked. */
export async function getMember(options: { db: Queryable; memberId: string }): Promise<TMember | null> {
  const { rows } = await options.db.query<TMember>(`select ${MEMBER_COLUMNS} from members m join orgs o on o.id = m.org_id where m.id = $1`, [options.memberId]);
  return rows[0] ?? null;
}
