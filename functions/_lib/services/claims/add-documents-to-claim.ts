import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireMember } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { getClaim } from '../get-claim.js';
import { addClaimDocuments, claimHoldingUploads } from './claim-uploads.js';
import { CLAIM_DOCUMENT_LABELS, type ClaimDocumentKey } from '../../../../shared/domain/claim-documents.js';
import { canMoveClaim, type ClaimStatus } from '../../../../shared/domain/claims.js';
import type { TClaim } from '../../../../shared/schemas.js';
import type { TClaimDocumentsRequest } from '../../../../shared/contract-claims.js';

/**
 * POST /api/me/claims/:id/documents: the member answers 待补充材料 with more documents; the claim
 * goes back to `under_review` (by canMoveClaim, like every move) with a timeline entry naming what
 * was added. Someone else's claim: 404. Not waiting for documents: 409 INVALID_TRANSITION. The same
 * documents sent again after a lost answer: the claim as it is, nothing added twice.
 */
export async function addDocumentsToClaim(options: { db: Db; userId: string; claimId: string; request: TClaimDocumentsRequest }): Promise<TClaim> {
  const { db, userId, claimId, request: r } = options;
  const actor = await loadActor(options);
  requireMember(actor);
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ status: ClaimStatus }>('select status from claims where id = $1 and member_id = $2 for update', [claimId, actor.memberId]);
    if (!rows[0]) throw new AppError('NOT_FOUND', '未找到该互助金申请');
    const holding = await claimHoldingUploads(tx, r.documents);
    if (holding === claimId) return;
    if (holding !== null) throw new AppError('VALIDATION_FAILED', '这些材料已用于另一份申请，请重新拍照上传', { details: [{ path: 'documents', message: '材料已用于另一份申请' }] });
    if (rows[0].status !== 'needs_info' || !canMoveClaim('needs_info', 'under_review')) {
      throw new AppError('INVALID_TRANSITION', '只有“待补充材料”的申请才能补充材料');
    }
    await addClaimDocuments(tx, { userId, claimId, documents: r.documents });
    const labels = [...new Set(r.documents.map((d) => CLAIM_DOCUMENT_LABELS[d.key as ClaimDocumentKey]))].join('、');
    const note = `会员已补充材料：${labels}${r.note ? `。${r.note}` : ''}`;
    await tx.query(`update claims set status = 'under_review', updated_at = now() where id = $1`, [claimId]);
    await tx.query(
      `insert into claim_events (claim_id, status, at, note)
       select $1, 'under_review', greatest(now(), coalesce(max(e.at), now())), $2 from claim_events e where e.claim_id = $1`,
      [claimId, note],
    );
    await writeAudit({ db: tx, actorUserId: userId, action: 'claim.documents_added', subjectType: 'claim', subjectId: claimId, detail: { documents: r.documents.length } });
  });
  return getClaim({ db, userId, claimId });
}
