// 互助金申请 (issue #17; api.md "v1.1 precisions", "Claim applications by members").
import { z } from './zod.js';
import { ZDate, ZFen, ZPlan } from './contract-base.js';
import { ZUploadId } from './contract-uploads.js';
import { CLAIM_DOCUMENT_KEYS, MAX_CLAIM_DOCUMENTS } from './domain/claim-documents.js';

export const ZClaimDocumentKey = z.enum(CLAIM_DOCUMENT_KEYS, { message: '请选择材料类别' });
export const ZClaimDocumentRef = z.object({ key: ZClaimDocumentKey, uploadId: ZUploadId });
const ZClaimDocumentRefs = z
  .array(ZClaimDocumentRef)
  .min(1, { message: '请至少上传一份材料' })
  .max(MAX_CLAIM_DOCUMENTS, { message: `一次最多上传${MAX_CLAIM_DOCUMENTS}份材料` })
  .refine((docs) => new Set(docs.map((d) => d.uploadId)).size === docs.length, { message: '同一份材料不能重复提交' });

/** POST /api/me/claims */
export const ZClaimApplicationRequest = z.object({
  plan: ZPlan,
  incidentDate: ZDate,
  amountClaimedFen: ZFen.min(1, { message: '申请金额须大于0' }),
  description: z.string().trim().max(500, { message: '情况说明不能超过500字' }).optional(),
  documents: ZClaimDocumentRefs,
});

/** The moves an officer makes in the app; `paid` arrives with the mutual-aid system's import. */
export const CLAIM_OFFICER_MOVES = ['under_review', 'needs_info', 'approved', 'rejected'] as const;

/** POST /api/admin/claims/:id/transition */
export const ZClaimTransitionRequest = z
  .object({
    status: z.enum(CLAIM_OFFICER_MOVES, { message: '只能改为审核中、待补充材料、已核定或未通过（已打款由互助系统导入）' }),
    note: z.string().trim().min(1).max(200, { message: '说明不能超过200字' }).optional(),
    /** with `approved`: the amount granted (extension) */
    amountApprovedFen: ZFen.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'needs_info' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '要求补充材料时，请写明缺少哪些材料' });
    if (v.status === 'rejected' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '不予给付时，请写明原因' });
    if (v.amountApprovedFen !== undefined && v.status !== 'approved') ctx.addIssue({ code: 'custom', path: ['amountApprovedFen'], message: '只有核定时才能填写核定金额' });
  });

/** POST /api/me/claims/:id/documents */
export const ZClaimDocumentsRequest = z.object({ documents: ZClaimDocumentRefs, note: z.string().trim().max(200, { message: '说明不能超过200字' }).optional() });

export type TClaimApplicationRequest = z.infer<typeof ZClaimApplicationRequest>;
export type TClaimTransitionRequest = z.infer<typeof ZClaimTransitionRequest>;
export type TClaimDocumentsRequest = z.infer<typeof ZClaimDocumentsRequest>;
export type TClaimDocumentRef = z.infer<typeof ZClaimDocumentRef>;
