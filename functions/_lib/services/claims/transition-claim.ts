import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { claimsScope, inScopeSql, isClaimsOfficer, loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { enqueueNotifications } from '../enqueue-notifications.js';
import { readClaimAsOfficer } from '../read-claim-as-officer.js';
import { CLAIM_STATUS_LABELS, PLAN_NAMES, canMoveClaim, type ClaimStatus, type Plan } from '../../../../shared/domain/claims.js';
import type { TOfficerClaim } from '../../../../shared/schemas.js';
import type { TClaimTransitionRequest } from '../../../../shared/contract-claims.js';

/**
 * POST /api/admin/claims/:id/transition: a claims officer (within its scope) or an admin moves a
 * claim by the one claim rule (canMoveClaim, shared/domain/claims.ts), the same rule the imports
 * apply. The claim row is locked, so of two officers deciding at once the second sees the first's
 * status and gets 409 if its move no longer follows the rule. The move is a timeline entry (never
 * dated before the last one) and a WeChat notice to the member; the audit names the move, never
 * the note (it may hold medical facts).
 */
export async function transitionClaim(options: { db: Db; userId: string; claimId: string; request: TClaimTransitionRequest }): Promise<TOfficerClaim> {
  const { db, claimId, request: r } = options;
  const actor = await loadActor(options);
  if (!isClaimsOfficer(actor)) throw new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: ClaimStatus; member_id: string; claim_no: string; plan: Plan }>(
      `select c.status, c.member_id::text, c.claim_no, c.plan
         from claims c join members m on m.id = c.member_id join orgs o on o.id = m.org_id
        where c.id = $1 and ${inScopeSql('o.path', '$2')}
        for update of c`,
      [claimId, claimsScope(actor)],
    );
    const claim = rows[0];
    if (!claim) throw new AppError('NOT_FOUND', '未找到该互助金申请');
    if (!canMoveClaim(claim.status, r.status)) {
      throw new AppError('INVALID_TRANSITION', `申请状态不能从“${CLAIM_STATUS_LABELS[claim.status]}”变为“${CLAIM_STATUS_LABELS[r.status]}”`);
    }
    await tx.query(
      `update claims set status = $2,
              reject_reason = case when $2 = 'rejected' then $3 else reject_reason end,
              amount_approved_fen = coalesce($4, amount_approved_fen),
              updated_at = now()
        where id = $1`,
      [claimId, r.status, r.note ?? null, r.amountApprovedFen ?? null],
    );
    await tx.query(
      `insert into claim_events (claim_id, status, at, note)
       select $1, $2, greatest(now(), coalesce(max(e.at), now())), $3 from claim_events e where e.claim_id = $1`,
      [claimId, r.status, r.note ?? null],
    );
    await enqueueNotifications({
      db: tx,
      items: [{ memberId: claim.member_id, template: 'claim_status_changed', data: { claimNo: claim.claim_no, statusLabel: CLAIM_STATUS_LABELS[r.status], planName: PLAN_NAMES[claim.plan] }, page: `pages/claim/index?id=${claimId}` }],
    });
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'claim.transition', subjectType: 'claim', subjectId: claimId, detail: { from: claim.status, to: r.status, memberId: claim.member_id } });
  });
  return readClaimAsOfficer({ db, userId: options.userId, claimId, audit: false });
}
