// The uploads behind a claim's documents: taken in turn (two taps of 提交 with the same photos
// queue here), and refused when already the documents of another claim.
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { attachUploads } from '../uploads/attach-uploads.js';
import type { TClaimDocumentRef } from '../../../../shared/contract-claims.js';

/**
 * Locks the uploads of `documents` and says which claim already holds them: null when none does,
 * the claim id when every one of them is already that one claim's (a request sent again after a
 * lost answer). Uploads split between claims, or some new and some used: 400.
 */
export async function claimHoldingUploads(tx: Queryable, documents: TClaimDocumentRef[]): Promise<string | null> {
  const ids = documents.map((d) => d.uploadId);
  await tx.query('select id from uploads where id = any($1::uuid[]) order by id for update', [ids]);
  const { rows } = await tx.query<{ claim_id: string; upload_id: string }>('select claim_id::text, upload_id::text from claim_documents where upload_id = any($1::uuid[])', [ids]);
  if (rows.length === 0) return null;
  const claims = new Set(rows.map((r) => r.claim_id));
  if (claims.size === 1 && rows.length === ids.length) return rows[0].claim_id;
  const index = ids.findIndex((id) => rows.some((r) => r.upload_id === id));
  throw new AppError('VALIDATION_FAILED', '有材料已用于另一份申请，请重新拍照上传', { details: [{ path: `documents.${index}.uploadId`, message: '该材料已用于另一份申请' }] });
}

/** Attaches the member's own uploads to the claim (others' are refused whole) and records each document's key. */
export async function addClaimDocuments(tx: Queryable, options: { userId: string; claimId: string; documents: TClaimDocumentRef[] }): Promise<void> {
  const { documents } = options;
  await attachUploads({ db: tx, uploaderUserId: options.userId, ownerKind: 'claim', ownerId: options.claimId, uploadIds: documents.map((d) => d.uploadId) });
  await tx.query(
    `insert into claim_documents (claim_id, key, upload_id)
     select $1, k, u from unnest($2::text[], $3::uuid[]) with ordinality as t(k, u, n) order by n`,
    [options.claimId, documents.map((d) => d.key), documents.map((d) => d.uploadId)],
  );
}
