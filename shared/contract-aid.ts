// Aid programmes and applications (api.md "Aid applications" and its v1.1 precisions; extensions in
// docs/api-extensions.md "Aid"). Re-exported at the end of shared/schemas.ts.
import { z } from './zod.js';
import { ZDateTime, ZFen, ZId } from './contract-base.js';
import { AID_KINDS, AID_STATUSES } from './domain/aid.js';
import { MEMBER_GROUPS } from './domain/lottery.js';
import { ZUploadId } from './contract-uploads.js';

const ZGroup = z.enum(MEMBER_GROUPS);

export const ZAidKind = z.enum(AID_KINDS, { message: '项目类型只能是金秋助学或困难职工帮扶' });
export const ZAidStatus = z.enum(AID_STATUSES);
export const ZAidDocumentKey = z.string().trim().regex(/^[a-z][a-z0-9_]{0,31}$/, { message: '材料代码只能由小写字母、数字和下划线组成' });
export const ZAidLevel = z.string().trim().min(1, { message: '请选择档次' }).max(20, { message: '档次名称不能超过20个字' });

export const ZAidProgramInput = z
  .object({
    kind: ZAidKind,
    title: z.string().trim().min(1, { message: '请填写项目名称' }).max(60, { message: '项目名称不能超过60个字' }),
    opensAt: ZDateTime,
    closesAt: ZDateTime,
    eligibility: z.string().trim().min(1, { message: '请填写申请条件' }).max(500, { message: '申请条件不能超过500个字' }),
    amountsFen: z
      .array(z.object({ level: ZAidLevel, amountFen: ZFen.min(1, { message: '金额必须大于0' }) }))
      .min(1, { message: '至少设置一个档次' })
      .max(20),
    requiredDocuments: z
      .array(z.object({ key: ZAidDocumentKey, label: z.string().trim().min(1, { message: '请填写材料名称' }).max(30) }))
      .max(20),
    publicityDays: z.number().int().min(1, { message: '公示天数至少1天' }).max(30, { message: '公示天数不能超过30天' }),
    // ---------- extensions (docs/api-extensions.md "Aid") ----------
    /** only members of this union's subtree may apply (default: every member) */
    orgId: ZId.optional(),
    /** only members in one of these roster groups may apply (default: everyone) */
    requiredGroups: z.array(ZGroup).max(4).optional(),
    /** days each review level has (default 5) */
    reviewDays: z.number().int().min(1).max(60).optional(),
  })
  .superRefine((p, ctx) => {
    if (Date.parse(p.opensAt) >= Date.parse(p.closesAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '截止时间必须晚于开始时间' });
    const levels = p.amountsFen.map((a) => a.level);
    if (new Set(levels).size !== levels.length) ctx.addIssue({ code: 'custom', path: ['amountsFen'], message: '档次名称不能重复' });
    const keys = p.requiredDocuments.map((d) => d.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', path: ['requiredDocuments'], message: '材料代码不能重复' });
  });

export const ZAidProgram = z.object({
  id: ZId,
  kind: ZAidKind,
  title: z.string(),
  opensAt: ZDateTime,
  closesAt: ZDateTime,
  eligibility: z.string(),
  amountsFen: z.array(z.object({ level: z.string(), amountFen: ZFen })),
  requiredDocuments: z.array(z.object({ key: z.string(), label: z.string() })),
  publicityDays: z.number().int(),
  orgId: ZId.nullable(),
  orgName: z.string().nullable(),
  requiredGroups: z.array(ZGroup),
  reviewDays: z.number().int(),
  /** when the public notice started (null: not yet) and until when it shows */
  publicityStartsAt: ZDateTime.nullable(),
  publicityEndsAt: ZDateTime.nullable(),
});
export const ZAidProgramList = z.object({ items: z.array(ZAidProgram) });

export const ZAidEligibilityReason = z.object({
  code: z.enum(['not_a_member', 'outside_org', 'not_in_group', 'already_applied', 'not_open_yet', 'closed']),
  message: z.string(),
});
export const ZAidEligibility = z.object({
  programId: ZId,
  eligible: z.boolean(),
  reasons: z.array(ZAidEligibilityReason),
  /** the caller's application to this programme, if any */
  application: z.object({ id: ZId, status: ZAidStatus }).nullable(),
  /** what the form shows prefilled from the roster (null for a user not on it) */
  applicant: z.object({ name: z.string(), memberNoMasked: z.string(), orgName: z.string(), phoneMasked: z.string().nullable() }).nullable(),
});

const ZAidChildInput = z.object({
  name: z.string().trim().min(1, { message: '请填写子女姓名' }).max(30, { message: '姓名不能超过30个字' }),
  school: z.string().trim().min(1, { message: '请填写学校名称' }).max(60, { message: '学校名称不能超过60个字' }),
  admissionYear: z.number().int().min(2000, { message: '入学年份不正确' }).max(2100, { message: '入学年份不正确' }),
});
const ZAidDocumentsInput = z
  .array(z.object({ key: ZAidDocumentKey, uploadId: ZUploadId }))
  .max(40, { message: '材料太多' })
  .refine((docs) => new Set(docs.map((d) => `${d.key}:${d.uploadId}`)).size === docs.length, { message: '同一份材料重复提交' });

export const ZAidApplicationInput = z.object({
  level: ZAidLevel,
  child: ZAidChildInput.optional(),
  documents: ZAidDocumentsInput,
});
/** PATCH of a returned application: what is sent replaces what was there; it is resubmitted. */
export const ZAidApplicationPatch = z.object({
  level: ZAidLevel.optional(),
  child: ZAidChildInput.optional(),
  documents: ZAidDocumentsInput.optional(),
});

export const ZAidTimelineEntry = z.object({ status: ZAidStatus, at: ZDateTime, note: z.string().nullable() });

export const ZAidApplicationSummary = z.object({
  id: ZId,
  programId: ZId,
  programTitle: z.string(),
  kind: ZAidKind,
  status: ZAidStatus,
  level: z.string(),
  amountFen: ZFen,
  applicant: z.object({ name: z.string(), memberNoMasked: z.string(), orgId: ZId, orgName: z.string() }),
  child: z.object({ name: z.string().nullable(), school: z.string().nullable(), admissionYear: z.number().int().nullable() }).nullable(),
  /** the documents attached, each with its programme label */
  documents: z.array(z.object({ key: z.string(), label: z.string(), uploadId: ZUploadId })),
  returnReason: z.string().nullable(),
  returnDocumentKey: z.string().nullable(),
  rejectReason: z.string().nullable(),
  submittedAt: ZDateTime,
  updatedAt: ZDateTime,
  /** the review level it waits for and that level's deadline (null when no review is pending) */
  reviewLevel: z.enum(['grassroots', 'city']).nullable(),
  reviewDueAt: ZDateTime.nullable(),
  overdue: z.boolean(),
  publicizedAt: ZDateTime.nullable(),
  paidAt: ZDateTime.nullable(),
  childDeletedAt: ZDateTime.nullable(),
});
export const ZAidApplication = ZAidApplicationSummary.extend({ timeline: z.array(ZAidTimelineEntry) });
export const ZAidApplicationList = z.object({ items: z.array(ZAidApplicationSummary), nextCursor: z.string().nullable() });

export const ZAidReviewQuery = z.object({
  programId: ZId.optional(),
  status: ZAidStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZAidReviewRequest = z
  .object({
    decision: z.enum(['approve', 'return', 'reject'], { message: '审核结果只能是通过、退回或不通过' }),
    reason: z.string().trim().max(200, { message: '理由不能超过200个字' }).optional(),
    /** with `return`: the document at fault (one of the programme's required documents) */
    documentKey: ZAidDocumentKey.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.decision !== 'approve' && (!r.reason || r.reason.length < 2)) ctx.addIssue({ code: 'custom', path: ['reason'], message: '退回或不通过时请写明理由（至少2个字）' });
    if (r.decision !== 'return' && r.documentKey) ctx.addIssue({ code: 'custom', path: ['documentKey'], message: '只有退回时才能指定有问题的材料' });
  });

export const ZAidPublicizeResult = z.object({ programId: ZId, publicized: z.number().int(), publicityStartsAt: ZDateTime, publicityEndsAt: ZDateTime });
export const ZAidPublicity = z.object({
  programId: ZId,
  title: z.string(),
  publicityStartsAt: ZDateTime.nullable(),
  publicityEndsAt: ZDateTime.nullable(),
  items: z.array(z.object({ nameMasked: z.string(), orgName: z.string(), amountFen: ZFen }).strict()),
});

export const ZAidPaymentRow = z.object({ applicationId: ZId, paidAt: ZDateTime });
export const ZAidPaymentImportRequest = z.object({ rows: z.array(ZAidPaymentRow).min(1, { message: '至少需要一行' }).max(5000, { message: '一次最多导入5000行' }) });

export type TAidProgramInput = z.infer<typeof ZAidProgramInput>;
export type TAidProgram = z.infer<typeof ZAidProgram>;
export type TAidEligibility = z.infer<typeof ZAidEligibility>;
export type TAidApplicationInput = z.infer<typeof ZAidApplicationInput>;
export type TAidApplicationPatch = z.infer<typeof ZAidApplicationPatch>;
export type TAidApplicationSummary = z.infer<typeof ZAidApplicationSummary>;
export type TAidApplication = z.infer<typeof ZAidApplication>;
export type TAidReviewRequest = z.infer<typeof ZAidReviewRequest>;
export type TAidPublicity = z.infer<typeof ZAidPublicity>;
export type TAidPaymentRow = z.infer<typeof ZAidPaymentRow>;
export type TAidStatus = z.infer<typeof ZAidStatus>;
