// Joining the union online (入会, issue #15): api.md "Joining the union online (入会) and the member
// card", plus the extensions in docs/api-extensions.md "Joining" (calendar days, membership
// transfers). Re-exported from shared/schemas.ts.
import { z } from './zod.js';
import { ZDate, ZDateTime, ZId, ZIdNumber, ZPersonName, ZPhone } from './contract-base.js';
import { PLANS } from './domain/claims.js';

const text = (min: number, max: number, what: string) =>
  z
    .string()
    .trim()
    .min(min, { message: min <= 1 ? `请填写${what}` : `${what}至少${min}个字` })
    .max(max, { message: `${what}不能超过${max}个字` });

// ---------- organisations (api.md "v1.1 precisions") ----------
export const ZOrgKind = z.enum(['city', 'district', 'industry', 'grassroots'], { message: '工会类型只能是 city、district、industry 或 grassroots' });
export const ZJoinPlan = z.enum(PLANS, { message: '入会赠送的保障项目不正确' });

// ---------- join applications ----------
export const ZJoinChannel = z.enum(['employer', 'gig'], { message: '请选择入会渠道：单位工会或新就业形态' });
export const ZJoinStatus = z.enum(['pending', 'approved', 'rejected', 'withdrawn']);
export const ZJoinApplicationRequest = z
  .object({
    name: ZPersonName,
    idNumber: ZIdNumber,
    /** the getPhoneNumber button's code (dev login: dev-phone:<11 digits>): a verified phone */
    phoneCode: z.string().trim().min(1, { message: '手机号授权凭证为空' }).max(256, { message: '手机号授权凭证过长' }).optional(),
    /** a phone typed in, when the button is not used: kept, not verified */
    phone: ZPhone.optional(),
    /** from a union's join code */
    orgId: ZId.optional(),
    channel: ZJoinChannel,
    employer: text(1, 60, '工作单位').optional(),
    platform: text(1, 30, '所在平台').optional(),
    district: text(1, 30, '所在区县').optional(),
  })
  .refine((r) => r.channel !== 'employer' || r.orgId !== undefined || r.employer !== undefined, { message: '请填写工作单位', path: ['employer'] })
  .refine((r) => r.orgId !== undefined || r.district !== undefined || (r.channel === 'gig' && r.platform !== undefined), {
    message: '请选择所在区县（或扫描工会的入会二维码）',
    path: ['district'],
  });
export const ZJoinApplication = z.object({
  id: ZId,
  status: ZJoinStatus,
  orgId: ZId,
  orgName: z.string(),
  channel: ZJoinChannel,
  submittedAt: ZDateTime,
  /** end of the fifth working day after submission (Asia/Shanghai); reset when sent to another union */
  reviewDueAt: ZDateTime,
  decidedAt: ZDateTime.nullable(),
  rejectReason: z.string().nullable(),
  memberId: ZId.nullable(),
});
export const ZJoinApplicationList = z.object({ items: z.array(ZJoinApplication), nextCursor: z.string().nullable() });
/** What the union office sees: masked ID number and phone, never the numbers. */
export const ZAdminJoinApplication = ZJoinApplication.extend({
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  phoneVerified: z.boolean(),
  employer: z.string().nullable(),
  platform: z.string().nullable(),
  district: z.string().nullable(),
  /** pending past reviewDueAt */
  overdue: z.boolean(),
  /** shown because it is overdue at a union directly below the one the queue is for */
  escalated: z.boolean(),
});
export const ZAdminJoinApplicationList = z.object({ items: z.array(ZAdminJoinApplication), nextCursor: z.string().nullable() });
export const ZAdminJoinApplicationQuery = z.object({
  orgId: ZId.optional(),
  /** default: pending (the queue) */
  status: ZJoinStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZJoinApproveRequest = z.object({
  memberNo: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, { message: '会员编号只能包含字母、数字和短横线' }).optional(),
});
export const ZJoinRejectRequest = z.object({ reason: text(2, 200, '驳回原因') });
export const ZJoinTransferRequest = z.object({ orgId: ZId });
export const ZJoinCode = z.object({
  orgId: ZId,
  orgName: z.string(),
  /** the mini-program page that opens the join form with this union chosen */
  path: z.string(),
  /** in weapp: WeChat's mini-program code for `path`, PNG as base64 */
  qrPng: z.string().optional(),
});

// ---------- the working-day calendar (extension) ----------
// a day of the calendar: a real date (2027-02-30 is refused by ZDate) of 2000–2100
const ZCalendarDate = ZDate.refine((d) => Number(d.slice(0, 4)) >= 2000 && Number(d.slice(0, 4)) <= 2100, { message: '日期须在2000年至2100年之间' });
export const ZCalendarDay = z.object({ day: ZCalendarDate, workday: z.boolean(), name: text(1, 30, '名称') });
export const ZCalendarDaysRequest = z.object({ days: z.array(ZCalendarDay).min(1, { message: '至少填写一天' }).max(400, { message: '一次最多400天' }) });
export const ZCalendarDayList = z.object({ items: z.array(ZCalendarDay) });
/** Days given back to the ordinary week (Monday–Friday work, weekends off). */
export const ZCalendarRemoveRequest = z.object({ days: z.array(ZCalendarDate).min(1, { message: '至少选择一天' }).max(400, { message: '一次最多400天' }) });
export const ZCalendarQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

// ---------- membership transfers, 会籍转移 (extension) ----------
export const ZTransferStatus = z.enum(['requested', 'accepted', 'completed', 'rejected', 'objected', 'cancelled']);
export const ZTransferRequest = z.object({ toOrgId: ZId, reason: text(1, 200, '转移原因').optional() });
export const ZMembershipTransfer = z.object({
  id: ZId,
  status: ZTransferStatus,
  memberId: ZId,
  memberName: z.string(),
  fromOrgId: ZId,
  fromOrgName: z.string(),
  toOrgId: ZId,
  toOrgName: z.string(),
  reason: z.string().nullable(),
  requestedAt: ZDateTime,
  acceptedAt: ZDateTime.nullable(),
  /** until then the old union may object; after it the transfer completes */
  objectionDueAt: ZDateTime.nullable(),
  decidedAt: ZDateTime.nullable(),
  decisionReason: z.string().nullable(),
  completedAt: ZDateTime.nullable(),
});
export const ZMembershipTransferList = z.object({ items: z.array(ZMembershipTransfer) });
export const ZTransferDecisionRequest = z.object({ reason: text(2, 200, '原因') });
export const ZAdminTransferQuery = z.object({ orgId: ZId.optional(), status: ZTransferStatus.optional() });

export type TOrgKind = z.infer<typeof ZOrgKind>;
export type TJoinChannel = z.infer<typeof ZJoinChannel>;
export type TJoinStatus = z.infer<typeof ZJoinStatus>;
export type TJoinApplicationRequest = z.infer<typeof ZJoinApplicationRequest>;
export type TJoinApplication = z.infer<typeof ZJoinApplication>;
export type TAdminJoinApplication = z.infer<typeof ZAdminJoinApplication>;
export type TJoinCode = z.infer<typeof ZJoinCode>;
export type TCalendarDay = z.infer<typeof ZCalendarDay>;
export type TMembershipTransfer = z.infer<typeof ZMembershipTransfer>;
export type TTransferStatus = z.infer<typeof ZTransferStatus>;
