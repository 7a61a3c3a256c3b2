import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { manageScope, scopeParam, scopeSql } from './office-scope.js';
import { readAdminMember } from './get-admin-member.js';
import { OWN_HOUSEHOLD } from '../imports/import-members.js';
import type { TAdminMember, TMemberGroup } from '../../../../shared/schemas.js';

/**
 * The office's member edit (admins; cadres within their subtree): 会员类别 and 户号, each only when
 * given (`householdNo: null` clears it). Each changed field is audited with its old and new value:
 * `member.groups`, `member.household_no` (户号 decides who may review whose aid application, so
 * nobody changes their own or their family's: OWN_HOUSEHOLD).
 */
export async function updateAdminMember(options: { db: Db; userId: string; memberId: string; groups?: TMemberGroup[]; householdNo?: string | null }): Promise<TAdminMember> {
  const { db } = options;
  const scope = manageScope(await loadActor(options));
  return db.transaction(async (tx) => {
    // The old values are read under the row lock so that the audit rows tell the real change.
    const { rows } = await tx.query<{ groups: string[]; household_no: string | null; own_family: boolean }>(
      `select m.groups, m.household_no, aid_same_family($3::bigint, m.id) as own_family
         from members m join orgs o on o.id = m.org_id where m.id = $2 and ${scopeSql(1)} for update of m`,
      [scopeParam(scope), options.memberId, options.userId],
    );
    const before = rows[0];
    if (!before) throw new AppError('NOT_FOUND', '未找到该会员');
    const householdChanges = options.householdNo !== undefined && options.householdNo !== before.household_no;
    if (householdChanges && before.own_family) throw new AppError(OWN_HOUSEHOLD.code, OWN_HOUSEHOLD.message);
    const audit = (action: string, detail: Record<string, unknown>) =>
      writeAudit({ db: tx, actorUserId: options.userId, action, subjectType: 'member', subjectId: options.memberId, detail });
    if (options.groups !== undefined) {
      await tx.query('update members set groups = $2::text[], updated_at = now() where id = $1', [options.memberId, options.groups]);
      await audit('member.groups', { before: before.groups, after: options.groups });
    }
    if (householdChanges) {
      await tx.query('update members set household_no = $2, updated_at = now() where id = $1', [options.memberId, options.householdNo]);
      await audit('member.household_no', { before: before.household_no, after: options.householdNo });
    }
    return (await readAdminMember(tx, options.memberId, scope)) as TAdminMember;
  });
}
