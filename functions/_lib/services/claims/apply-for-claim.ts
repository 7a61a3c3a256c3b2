import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireMember } from '../load-actor.js';
import { checkRateLimit } from '../check-rate-limit.js';
import { writeAudit } from '../write-audit.js';
import { getClaim } from '../get-claim.js';
import { addClaimDocuments, claimHoldingUploads } from './claim-uploads.js';
import { CLAIM_DOCUMENT_LABELS, missingClaimDocuments } from '../../../../shared/domain/claim-documents.js';
import { PLAN_NAMES } from '../../../../shared/domain/claims.js';
import type { TClaim } from '../../../../shared/schemas.js';
import type { TClaimApplicationRequest } from '../../../../shared/contract-claims.js';

/** Applications one member may send a minute (retries of a lost answer are replays and count too). */
const APPLICATIONS_PER_MINUTE = Number(process.env.RATE_LIMIT_CLAIM_APPLICATIONS_PER_MINUTE ?? 10);

/** Today's date in Asia/Shanghai ("2026-11-30"). */
export function shanghaiToday(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * POST /api/me/claims: a member applies for mutual-aid money (互助金申请). The claim is an
 * ordinary `claims` row in status `submitted` with a server-assigned number ('HZ' + Shanghai date +
 * sequence, migration 016), its `submitted` timeline entry, and its documents. Only a plan the
 * member held on the incident's date (coverages) may be claimed: else 403 NOT_ELIGIBLE. The same
 * request sent again (same uploads, same fields) answers the claim it made, `created: false`.
 */
export async function applyForClaim(options: { db: Db; userId: string; request: TClaimApplicationRequest }): Promise<{ claim: TClaim; created: boolean }> {
  const { db, userId, request: r } = options;
  const actor = await loadActor(options);
  requireMember(actor);
  if (r.incidentDate > shanghaiToday()) {
    throw new AppError('VALIDATION_FAILED', '出险日期不能晚于今天', { details: [{ path: 'incidentDate', message: '出险日期不能晚于今天' }] });
  }
  const missing = missingClaimDocuments(r.plan, r.documents.map((d) => d.key));
  if (missing.length) {
    const message = `${PLAN_NAMES[r.plan]}申请还需上传：${missing.map((k) => CLAIM_DOCUMENT_LABELS[k]).join('、')}`;
    throw new AppError('VALIDATION_FAILED', message, { details: [{ path: 'documents', message }] });
  }
  const held = await db.query('select 1 from coverages where member_id = $1 and plan = $2 and starts_on <= $3::date and ends_on >= $3::date', [actor.memberId, r.plan, r.incidentDate]);
  if (held.rowCount === 0) throw new AppError('NOT_ELIGIBLE', `您在${r.incidentDate}没有参加${PLAN_NAMES[r.plan]}，不能申请该项互助金`);
  await checkRateLimit({ db, bucket: `claim-apply:${userId}`, limit: APPLICATIONS_PER_MINUTE, message: '提交太频繁，请稍后再试' });

  const outcome = await db.transaction(async (tx) => {
    const holding = await claimHoldingUploads(tx, r.documents);
    if (holding !== null) {
      const same = await tx.query(
        `select 1 from claims where id = $1 and member_id = $2 and source = 'member' and plan = $3 and incident_date = $4 and amount_claimed_fen = $5`,
        [holding, actor.memberId, r.plan, r.incidentDate, r.amountClaimedFen],
      );
      if (same.rowCount === 0) throw new AppError('VALIDATION_FAILED', '这些材料已用于另一份申请，请重新拍照上传', { details: [{ path: 'documents', message: '材料已用于另一份申请' }] });
      return { claimId: holding, created: false };
    }
    let claimId: string | undefined;
    // A number equal to an imported one is skipped: the sequence moves on (claim_no is unique).
    for (let attempt = 0; attempt < 5 && !claimId; attempt++) {
      const { rows } = await tx.query<{ id: string }>(
        `insert into claims (claim_no, member_id, plan, status, incident_date, submitted_at, amount_claimed_fen, description, source)
         values ('HZ' || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('claim_application_no')::text, 5, '0'),
                 $1, $2, 'submitted', $3, now(), $4, $5, 'member')
         on conflict (claim_no) do nothing
         returning id::text`,
        [actor.memberId, r.plan, r.incidentDate, r.amountClaimedFen, r.description || null],
      );
      claimId = rows[0]?.id;
    }
    if (!claimId) throw new Error('no free claim number after 5 attempts');
    await tx.query(`insert into claim_events (claim_id, status, at, note) values ($1, 'submitted', now(), null)`, [claimId]);
    await addClaimDocuments(tx, { userId, claimId, documents: r.documents });
    await writeAudit({ db: tx, actorUserId: userId, action: 'claim.apply', subjectType: 'claim', subjectId: claimId, detail: { plan: r.plan, documents: r.documents.length } });
    return { claimId, created: true };
  });
  return { claim: await getClaim({ db, userId, claimId: outcome.claimId }), created: outcome.created };
}
