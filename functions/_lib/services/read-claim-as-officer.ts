import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { claimsScope, inScopeSql, isClaimsOfficer, loadActor } from './load-actor.js';
import { writeAudit } from './write-audit.js';
import { CLAIM_COLUMNS, CLAIM_DETAIL, CLAIM_TIMELINE, toClaim, type ClaimRow } from './get-claim.js';
import type { TOfficerClaim } from '../../../shared/schemas.js';

type OfficerClaimRow = ClaimRow & {
  description: string | null;
  documents: Parameters<typeof toClaim>[0]['documents'];
  timeline: { status: ClaimRow['status']; at: string; note: string | null }[];
  member_id: string;
  member_name: string;
  member_no: string;
  id_masked: string;
  org_name: string;
};

/**
 * A claims officer (or admin) reads a claim with whose it is; an officer with a union reads only
 * claims of members in its subtree (anyone else's is 404, as if it did not exist). The law asks us to record who
 * looked at whose claim: the audit row is written before the answer leaves, so a read that could
 * not be recorded is not answered. The audit detail names the member, never a medical fact.
 */
export async function readClaimAsOfficer(options: { db: Db; userId: string; claimId: string; audit?: boolean }): Promise<TOfficerClaim> {
  const actor = await loadActor(options);
  if (!isClaimsOfficer(actor)) throw new AppError('FORBIDDEN');
  const { rows } = await options.db.query<OfficerClaimRow>(
    `select ${CLAIM_COLUMNS}, ${CLAIM_TIMELINE}, ${CLAIM_DETAIL},
            m.id::text as member_id, m.name as member_name, m.member_no, m.id_masked, o.name as org_name
       from claims c join members m on m.id = c.member_id join orgs o on o.id = m.org_id
      where c.id = $1 and ${inScopeSql('o.path', '$2')}`,
    [options.claimId, claimsScope(actor)],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', '未找到该互助金申请');
  if (options.audit !== false) await writeAudit({ db: options.db, actorUserId: actor.userId, action: 'claim.read', subjectType: 'claim', subjectId: row.id, detail: { memberId: row.member_id } });
  return { ...toClaim(row), memberId: row.member_id, memberName: row.member_name, memberNo: row.member_no, idNumberMasked: row.id_masked, orgName: row.org_name };
}
