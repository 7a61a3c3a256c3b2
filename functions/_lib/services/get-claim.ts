import type { Queryable } from '../db/index.js';
import { AppError } from '../errors.js';
import { loadActor, requireMember } from './load-actor.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';
import type { ClaimStatus, Plan } from '../../../shared/domain/claims.js';
import type { TClaim, TClaimDocument, TClaimSummary } from '../../../shared/schemas.js';
import { CLAIM_DOCUMENT_LABELS, type ClaimDocumentKey } from '../../../shared/domain/claim-documents.js';

/** The columns of api.md's `Claim` (alias `c`), shared by the member's and the officer's reads. */
export const CLAIM_COLUMNS = `c.id::text as id, c.claim_no, c.plan, c.status, c.incident_date, c.submitted_at,
  c.amount_claimed_fen, c.amount_approved_fen, c.amount_paid_fen, c.paid_at, c.reject_reason`;

/** The timeline, oldest first; ties on `at` keep the order the events were written in. */
export const CLAIM_TIMELINE = `coalesce((select json_agg(json_build_object('status', e.status, 'at', e.at, 'note', e.note) order by e.at, e.id)
  from claim_events e where e.claim_id = c.id), '[]'::json) as timeline`;

/** #17 互助金申请: the member's words and the documents attached (oldest first), for single-claim reads. */
export const CLAIM_DETAIL = `c.description, coalesce((select json_agg(json_build_object('key', d.key, 'uploadId', d.upload_id::text, 'contentType', u.content_type, 'size', u.size, 'addedAt', d.added_at) order by d.added_at, d.id)
  from claim_documents d join uploads u on u.id = d.upload_id where d.claim_id = c.id), '[]'::json) as documents`;

type DocumentRow = { key: string; uploadId: string; contentType: TClaimDocument['contentType']; size: number; addedAt: string };

export type ClaimRow = {
  id: string;
  claim_no: string;
  plan: Plan;
  status: ClaimStatus;
  incident_date: string;
  submitted_at: Date | string;
  amount_claimed_fen: string;
  amount_approved_fen: string | null;
  amount_paid_fen: string | null;
  paid_at: Date | string | null;
  reject_reason: string | null;
};

type TimelineRow = { status: ClaimStatus; at: string; note: string | null };

// Amounts are bigint in SQL (int8 arrives as a string) and integer fen in the answer.
const fen = (v: string | null) => (v === null ? null : Number(v));

export function toClaimSummary(r: ClaimRow): TClaimSummary {
  return {
    id: r.id,
    claimNo: r.claim_no,
    plan: r.plan,
    status: r.status,
    incidentDate: r.incident_date,
    submittedAt: toShanghaiIso(r.submitted_at),
    amountClaimedFen: Number(r.amount_claimed_fen),
    amountApprovedFen: fen(r.amount_approved_fen),
    amountPaidFen: fen(r.amount_paid_fen),
    paidAt: r.paid_at === null ? null : toShanghaiIso(r.paid_at),
    rejectReason: r.reject_reason,
  };
}

export function toClaim(r: ClaimRow & { timeline: TimelineRow[]; description?: string | null; documents?: DocumentRow[] }): TClaim {
  const claim: TClaim = { ...toClaimSummary(r), timeline: r.timeline.map((e) => ({ status: e.status, at: toShanghaiIso(e.at), note: e.note })) };
  if (r.documents !== undefined) {
    claim.description = r.description ?? null;
    claim.documents = r.documents.map((d) => ({ ...d, label: CLAIM_DOCUMENT_LABELS[d.key as ClaimDocumentKey] ?? d.key, addedAt: toShanghaiIso(d.addedAt) }));
  }
  return claim;
}

/** One of the member's own claims with its timeline. Anyone else's claim is 404: "me" means me, officers included. */
export async function getClaim(options: { db: Queryable; userId: string; claimId: string }): Promise<TClaim> {
  const actor = await loadActor(options);
  requireMember(actor);
  const { rows } = await options.db.query<ClaimRow & { timeline: TimelineRow[] }>(
    `select ${CLAIM_COLUMNS}, ${CLAIM_TIMELINE}, ${CLAIM_DETAIL} from claims c where c.id = $1 and c.member_id = $2`,
    [options.claimId, actor.memberId],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', '未找到该互助金申请');
  return toClaim(rows[0]);
}
