// The HTTP API v1 contract (../shared/docs/api.md) in Zod: the single source of truth used by the
// functions, the mini-program's request client and the OpenAPI generator.
import { z } from './zod.js';
import { ZDate, ZDateTime, ZErrorBody, ZErrorCode, ZFen, ZId, ZIdNumber, ZImportResult, ZLandedRow, ZListQuery, ZPersonName, ZPhone, ZPlan, ZRejectedRow, ZRowsEnvelope, listOf } from './contract-base.js';
import { CATEGORIES, checkActivityTimes, type ActivityTimes } from './domain/activities.js';
import { CLAIM_STATUSES } from './domain/claims.js';
import { ZAllocation, ZPriorityGroups, ZPriorityShare, refineAllocation } from './contract-lottery.js';
import { ZUploadId, ZUploadType } from './contract-uploads.js';
import { ZJoinPlan, ZOrgKind } from './contract-join.js';

// ---------- building blocks: shared/contract-base.ts ----------
export * from './contract-base.js';

// ---------- identity ----------
export const ZRoleName = z.enum(['admin', 'cadre', 'claims_officer', 'verifier']);
export const ZRole = z.object({ role: ZRoleName, orgId: ZId.nullable() });
export const ZUser = z.object({
  id: ZId,
  roles: z.array(ZRole),
  memberId: ZId.nullable(),
});
export const ZMember = z.object({
  id: ZId,
  memberNo: z.string(),
  name: z.string(),
  orgId: ZId,
  orgName: z.string(),
  phoneMasked: z.string().nullable(),
  idNumberMasked: z.string(),
});
export const ZLoginRequest = z.object({
  code: z.string().trim().min(1, { message: '缺少登录凭证' }).max(128),
});
export const ZLoginResponse = z.object({ token: z.string(), user: ZUser });
// ---------- identity, hardened (v1.1) ----------
export const ZVerification = z.enum(['phone', 'id_only']);
/** An 'id_only' binding of this user taken over by the member's own phone-verified binding. */
export const ZBindingReleased = z.object({ at: ZDateTime, reason: z.literal('taken_over_by_phone_binding') });
export const ZMeResponse = z.object({
  user: ZUser,
  member: ZMember.nullable(),
  verification: ZVerification.nullable(),
  bindingReleased: ZBindingReleased.nullable(),
});
export const ZBindRequest = z.object({
  name: ZPersonName,
  idNumber: ZIdNumber,
  phoneCode: z.string().trim().min(1, { message: '手机号授权凭证为空' }).max(256, { message: '手机号授权凭证过长' }).optional(),
});
export const ZBindResponse = z.object({ member: ZMember, verification: ZVerification });
// ---------- end identity, hardened ----------

// ---------- organisations, roster, roles ----------
// v1.1 precisions: kind, platform (an industry union's), district (a district union's); join routing
// uses them. Each is answered only where the union has it. joinPlan (extension): 入会即送.
export const ZOrg = z.object({
  id: ZId,
  name: z.string(),
  parentId: ZId.nullable(),
  kind: ZOrgKind.optional(),
  platform: z.string().optional(),
  district: z.string().optional(),
  joinPlan: ZJoinPlan.optional(),
});
export const ZCreateOrgRequest = z.object({
  name: z.string().trim().min(1, { message: '请填写工会名称' }).max(60),
  parentId: ZId.optional(),
  kind: ZOrgKind.optional(),
  platform: z.string().trim().min(1, { message: '请填写平台名称' }).max(30, { message: '平台名称不能超过30个字' }).optional(),
  district: z.string().trim().min(1, { message: '请填写区县名称' }).max(30, { message: '区县名称不能超过30个字' }).optional(),
  joinPlan: ZJoinPlan.optional(),
});
export const ZOrgList = z.object({ items: z.array(ZOrg) });

/**
 * 户号: the household number on the roster (issue #17). Two members with the same one are one
 * family, and nobody reviews their own family's aid application (SQL aid_same_family, 017).
 * Trimmed, 1–40 characters (the column's check in 017).
 */
export const ZHouseholdNo = z.string().trim().min(1, { message: '户号不能为空' }).max(40, { message: '户号不能超过40个字' });
export const ZMemberImportRow = z.object({
  name: ZPersonName,
  idNumber: ZIdNumber,
  phone: ZPhone,
  memberNo: z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, { message: '会员编号只能包含字母、数字和短横线' }).optional(),
  /** v1.1: 会员类别; left out keeps what the roster has, [] clears it */
  groups: z.array(z.enum(['hardship', 'model_worker', 'gig_worker', 'frontline'], { message: '会员类别只能是困难职工、劳模、新就业形态、一线职工' })).max(4).optional(),
  /** 户号; left out keeps what the roster has (clearing one is the office's member edit) */
  householdNo: ZHouseholdNo.optional(),
});
export const ZMemberImportRequest = z.object({
  orgId: ZId,
  members: z.array(ZMemberImportRow).min(1).max(5000, { message: '一次最多导入5000行' }),
});
/** What the endpoint parses first: the envelope; each row is then checked alone. */
export const ZMemberImportEnvelope = ZMemberImportRequest.extend({
  members: z.array(z.unknown()).min(1, { message: '至少需要一行' }).max(5000, { message: '一次最多导入5000行' }),
});
export const ZMemberImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(ZRejectedRow),
  landed: z.array(ZLandedRow),
});
export const ZGrantRoleRequest = z
  .object({ memberId: ZId, role: ZRoleName, orgId: ZId.optional() })
  .refine((r) => r.role !== 'cadre' || r.orgId !== undefined, { message: '工会干部必须指定所在工会', path: ['orgId'] });

// ---------- activities ----------
export const ZCategory = z.enum(CATEGORIES);
export const ZLocation = z.object({
  name: z.string().trim().min(1, { message: '请填写活动地点' }).max(100),
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
});
export const ZActivityFields = z.object({
  orgId: ZId,
  title: z.string().trim().min(1, { message: '请填写活动名称' }).max(60, { message: '活动名称不能超过60个字' }),
  category: ZCategory,
  description: z.string().max(5000, { message: '活动介绍不能超过5000字' }),
  location: ZLocation,
  startsAt: ZDateTime,
  endsAt: ZDateTime,
  signupOpensAt: ZDateTime,
  signupClosesAt: ZDateTime,
  capacity: z.number().int().min(1, { message: '名额至少为1' }).max(100000, { message: '名额不能超过100000' }),
  waitlistEnabled: z.boolean(),
  cancelDeadline: ZDateTime.optional(),
  audience: z.enum(['org', 'all']),
  // v1.1 lottery (contract-lottery.ts): fixed at creation, so PATCH leaves them out
  allocation: ZAllocation.default('first_come'),
  priorityGroups: ZPriorityGroups.default([]),
  priorityShare: ZPriorityShare.default(0),
});
function refineTimes(v: ActivityTimes, ctx: z.RefinementCtx) {
  for (const p of checkActivityTimes(v)) ctx.addIssue({ code: 'custom', path: [p.path], message: p.message });
}
export const ZActivityInput = ZActivityFields.superRefine(refineTimes).superRefine(refineAllocation);
/** PATCH: any subset of the fields except the owning union; the merged result is checked again. */
export const ZActivityPatch = ZActivityFields.omit({ orgId: true, allocation: true, priorityGroups: true, priorityShare: true })
  .extend({ cancelDeadline: ZDateTime.nullable().optional() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: '没有需要修改的内容' });
export const ZCancelActivityRequest = z.object({
  reason: z.string().trim().min(1, { message: '请填写取消原因' }).max(200),
});

export const ZRegistrationStatus = z.enum(['confirmed', 'waitlisted', 'cancelled', 'checked_in', 'applied', 'not_selected']);
export const ZRegistration = z.object({
  id: ZId,
  activityId: ZId,
  status: ZRegistrationStatus,
  waitlistPosition: z.number().int().min(1).nullable(),
  createdAt: ZDateTime,
  checkedInAt: ZDateTime.nullable(),
  ticket: z.string().max(200).nullable(),
});
export const ZActivity = ZActivityFields.extend({
  id: ZId,
  status: z.enum(['published', 'cancelled']),
  confirmedCount: z.number().int(),
  waitlistCount: z.number().int(),
  checkedInCount: z.number().int(),
  // extensions beyond api.md v1
  orgName: z.string(),
  seatsLeft: z.number().int(),
  cancelReason: z.string().nullable(),
  // v1.1 lottery: the seed's SHA-256 from creation on; when drawn; how many applied (lotteries only)
  drawSeedHash: z.string().nullable().default(null),
  drawnAt: ZDateTime.nullable().default(null),
  applicantCount: z.number().int().nullable().default(null),
});
export const ZActivityWithMine = ZActivity.extend({ myRegistration: ZRegistration.nullable() });
export const ZActivityListQuery = ZListQuery.extend({
  category: ZCategory.optional(),
  orgId: ZId.optional(),
  /** extension: "managed" lists what the caller may manage (cadre/admin), including past and cancelled ones */
  scope: z.enum(['member', 'managed']).default('member'),
});
export const ZActivityList = listOf(ZActivityWithMine);
export const ZMyRegistration = ZRegistration.extend({ activity: ZActivity });
export const ZMyRegistrationList = listOf(ZMyRegistration);

// ---------- check-in ----------
export const ZCheckInRequest = z.object({
  ticket: z.string().max(1000),
  // extensions: which phone scanned, and a nonce so a replayed offline scan is harmless
  deviceId: z.string().max(64).optional(),
  nonce: z.string().max(64).optional(),
});
export const ZCheckedInRegistration = z.object({
  id: ZId,
  status: ZRegistrationStatus,
  memberName: z.string(),
  memberNoMasked: z.string(),
  checkedInAt: ZDateTime.nullable(),
  checkedInBy: z.string().nullable(),
});
export const ZCheckInResponse = z.object({
  result: z.enum(['checked_in', 'already_checked_in']),
  registration: ZCheckedInRegistration,
});
export const ZRosterQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
export const ZRosterEntry = z.object({
  registrationId: ZId,
  memberName: z.string(),
  memberNoMasked: z.string(),
  orgName: z.string(),
  status: ZRegistrationStatus,
  createdAt: ZDateTime,
  checkedInAt: ZDateTime.nullable(),
  checkedInBy: z.string().nullable(),
});
export const ZRoster = z.object({
  items: z.array(ZRosterEntry),
  counts: z.object({ registered: z.number().int(), checkedIn: z.number().int(), notYet: z.number().int(), waitlisted: z.number().int(), cancelled: z.number().int() }),
});

// ---------- mutual insurance ----------
export const ZClaimStatus = z.enum(CLAIM_STATUSES);
export const ZCoverage = z.object({ plan: ZPlan, planName: z.string(), year: z.number().int(), startsOn: ZDate, endsOn: ZDate });
export const ZCoverageList = z.object({ items: z.array(ZCoverage) });
export const ZTimelineEntry = z.object({ status: ZClaimStatus, at: ZDateTime, note: z.string().nullable() });
export const ZClaimDocument = z.object({ key: z.string(), label: z.string(), uploadId: ZUploadId, contentType: ZUploadType, size: z.number().int(), addedAt: ZDateTime });
export const ZClaim = z.object({
  id: ZId,
  claimNo: z.string(),
  plan: ZPlan,
  status: ZClaimStatus,
  incidentDate: ZDate,
  submittedAt: ZDateTime,
  amountClaimedFen: ZFen,
  amountApprovedFen: ZFen.nullable(),
  amountPaidFen: ZFen.nullable(),
  paidAt: ZDateTime.nullable(),
  rejectReason: z.string().nullable(),
  timeline: z.array(ZTimelineEntry),
  /** extension (#17 互助金申请): the member's own words, null for imported claims */
  description: z.string().nullable().optional(),
  /** extension (#17 互助金申请): the documents attached, oldest first ([] for imported claims) */
  documents: z.array(ZClaimDocument).optional(),
});
export const ZClaimSummary = ZClaim.omit({ timeline: true, documents: true });
export const ZClaimList = listOf(ZClaimSummary);
export const ZClaimImportRow = z.object({
  claimNo: z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, { message: '申请编号格式不正确' }),
  idNumber: ZIdNumber,
  plan: ZPlan,
  status: ZClaimStatus,
  incidentDate: ZDate,
  submittedAt: ZDateTime,
  amountClaimedFen: ZFen,
  amountApprovedFen: ZFen.optional(),
  amountPaidFen: ZFen.optional(),
  paidAt: ZDateTime.optional(),
  rejectReason: z.string().trim().max(500).optional(),
  note: z.string().trim().max(500).optional(),
  at: ZDateTime,
});
export const ZClaimImportRequest = z.object({ rows: z.array(ZClaimImportRow).min(1).max(5000, { message: '一次最多导入5000行' }) });
export const ZCoverageImportRow = z.object({ idNumber: ZIdNumber, plan: ZPlan, year: z.number().int().min(2000).max(2100), startsOn: ZDate, endsOn: ZDate });
export const ZCoverageImportRequest = z.object({ rows: z.array(ZCoverageImportRow).min(1).max(5000) });

// ---------- health ----------
export const ZHealth = z.object({ ok: z.literal(true), db: z.enum(['pglite', 'postgres', 'neon']) });

// ---------- inferred types ----------
export type TUser = z.infer<typeof ZUser>;
export type TRole = z.infer<typeof ZRole>;
export type TRoleName = z.infer<typeof ZRoleName>;
export type TMember = z.infer<typeof ZMember>;
export type TLoginRequest = z.infer<typeof ZLoginRequest>;
export type TLoginResponse = z.infer<typeof ZLoginResponse>;
export type TMeResponse = z.infer<typeof ZMeResponse>;
export type TBindRequest = z.infer<typeof ZBindRequest>;
export type TOrg = z.infer<typeof ZOrg>;
export type TCreateOrgRequest = z.infer<typeof ZCreateOrgRequest>;
export type TMemberImportRow = z.infer<typeof ZMemberImportRow>;
export type TMemberImportResult = z.infer<typeof ZMemberImportResult>;
export type TGrantRoleRequest = z.infer<typeof ZGrantRoleRequest>;
export type TRejectedRow = z.infer<typeof ZRejectedRow>;
export type TActivityInput = z.infer<typeof ZActivityInput>;
export type TActivityPatch = z.infer<typeof ZActivityPatch>;
export type TActivity = z.infer<typeof ZActivity>;
export type TActivityWithMine = z.infer<typeof ZActivityWithMine>;
export type TActivityListQuery = z.infer<typeof ZActivityListQuery>;
export type TRegistration = z.infer<typeof ZRegistration>;
export type TMyRegistration = z.infer<typeof ZMyRegistration>;
export type TCheckInRequest = z.infer<typeof ZCheckInRequest>;
export type TCheckInResponse = z.infer<typeof ZCheckInResponse>;
export type TRoster = z.infer<typeof ZRoster>;
export type TRosterEntry = z.infer<typeof ZRosterEntry>;
export type TCoverage = z.infer<typeof ZCoverage>;
export type TClaim = z.infer<typeof ZClaim>;
export type TClaimDocument = z.infer<typeof ZClaimDocument>;
export type TClaimSummary = z.infer<typeof ZClaimSummary>;
export type TClaimImportRow = z.infer<typeof ZClaimImportRow>;
export type TCoverageImportRow = z.infer<typeof ZCoverageImportRow>;
export type TImportResult = z.infer<typeof ZImportResult>;
export type TErrorBody = z.infer<typeof ZErrorBody>;

// ---------- mutual insurance: extensions beyond api.md v1 (docs/api-extensions.md) ----------
/** `GET /api/me/coverage?year=`: a year other than the current one (Asia/Shanghai). */
export const ZCoverageQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
/** `POST /api/admin/{claims,coverage}/import.csv`: the spreadsheet export as text, header row of field names. */
export const ZCsvImportRequest = z.object({
  csv: z.string().min(1, { message: '请提供 CSV 内容' }).max(4 * 1024 * 1024, { message: 'CSV 内容过大' }),
});
/** `GET /api/admin/claims/:id`: the claim as its member sees it, plus whose it is (ID number masked). */
export const ZOfficerClaim = ZClaim.extend({
  memberId: ZId,
  memberName: z.string(),
  memberNo: z.string(),
  idNumberMasked: z.string(),
  orgName: z.string(),
});
export type TOfficerClaim = z.infer<typeof ZOfficerClaim>;
export type TCoverageList = z.infer<typeof ZCoverageList>;
export type TClaimList = z.infer<typeof ZClaimList>;

// ---------- check-in extensions ----------
// Offline check-in: the phone downloads a pack before the doors open, verifies tickets with the
// public key alone, and later sends its scans in one batch; each scan's nonce makes a replay harmless.
export const ZOfflinePackRegistration = z.object({
  id: ZId,
  memberName: z.string(),
  memberNoMasked: z.string(),
  status: z.enum(['confirmed', 'checked_in']),
});
export const ZOfflinePack = z.object({
  activityId: ZId,
  /** base64url Ed25519 public key (32 bytes) that verifies the tickets */
  publicKey: z.string(),
  /** confirmed and checked-in registrations */
  registrations: z.array(ZOfflinePackRegistration),
  /** ids of cancelled registrations: their tickets are still genuine but must be refused */
  revoked: z.array(ZId),
  generatedAt: ZDateTime,
});
export const ZOfflineScan = z.object({
  ticket: z.string().max(1000),
  nonce: z.string().trim().min(1, { message: '缺少扫码编号' }).max(64),
  scannedAt: ZDateTime,
  deviceId: z.string().max(64).optional(),
});
export const ZCheckInBatchRequest = z.object({
  scans: z.array(ZOfflineScan).min(1, { message: '至少需要一条扫码记录' }).max(500, { message: '一次最多同步500条扫码记录' }),
});
export const ZCheckInBatchResult = z.object({
  nonce: z.string(),
  result: z.enum(['checked_in', 'already_checked_in', 'rejected']),
  /** only for `rejected`: TICKET_INVALID, WRONG_ACTIVITY, NOT_CONFIRMED, REGISTRATION_CANCELLED, VALIDATION_FAILED */
  code: ZErrorCode.optional(),
  message: z.string().optional(),
  registration: ZCheckedInRegistration.optional(),
});
export const ZCheckInBatchResponse = z.object({ results: z.array(ZCheckInBatchResult) });

export type TOfflinePack = z.infer<typeof ZOfflinePack>;
export type TOfflinePackRegistration = z.infer<typeof ZOfflinePackRegistration>;
export type TOfflineScan = z.infer<typeof ZOfflineScan>;
export type TCheckInBatchRequest = z.infer<typeof ZCheckInBatchRequest>;
export type TCheckInBatchResult = z.infer<typeof ZCheckInBatchResult>;
export type TCheckInBatchResponse = z.infer<typeof ZCheckInBatchResponse>;
export type TCheckedInRegistration = z.infer<typeof ZCheckedInRegistration>;

// ---------- notifications (extension) ----------
export const ZNotificationTemplate = z.enum(['waitlist_promoted', 'activity_cancelled', 'claim_status_changed', 'registration_confirmed', 'lottery_result', 'aid_status_changed', 'join_application', 'membership_transfer']);
/** The member's answer in wx.requestSubscribeMessage: each accepted template grants one message; refused ones are remembered (refusedAt) so 我的 can say so. */
export const ZRecordSubscriptionsRequest = z.object({ accepted: z.array(ZNotificationTemplate).max(10), rejected: z.array(ZNotificationTemplate).max(10).optional() });
export const ZSubscriptionList = z.object({
  items: z.array(z.object({ template: ZNotificationTemplate, templateId: z.string().nullable(), remaining: z.number().int(), refusedAt: ZDateTime.nullable().optional() })),
});

// ---------- office lookups, union tree, roles and charts (issue #14; docs/api-extensions.md "Office") ----------
/** 会员类别 on the roster: 困难职工, 劳模, 新就业形态, 一线职工. */
export const ZMemberGroup = z.enum(['hardship', 'model_worker', 'gig_worker', 'frontline']);
/** Every role a roles row can hold (v1.1 adds `verifier`). */
export const ZOfficeRoleName = z.enum(['admin', 'cadre', 'claims_officer', 'verifier']);
export const ZAdminMember = ZMember.extend({
  groups: z.array(ZMemberGroup),
  /** 户号 on the roster; null: the member is a household of their own. Only office answers carry it. */
  householdNo: z.string().nullable(),
  /** how the member's WeChat user proved the binding (users.verification); none: not bound */
  binding: z.enum(['none', 'id_only', 'phone']),
  roles: z.array(z.object({ role: ZOfficeRoleName, orgId: ZId.nullable(), orgName: z.string().nullable() })),
});
export const ZAdminMemberListQuery = ZListQuery.extend({
  /** a name prefix, a member number prefix, or the last 4 digits of the roster phone */
  q: z.string().trim().max(30, { message: '搜索内容不能超过30个字' }).optional(),
  orgId: ZId.optional(),
});
export const ZAdminMemberList = listOf(ZAdminMember);
/** The office's member edit: groups, 户号 (null clears it), or both; what is left out stays. */
export const ZAdminMemberPatch = z
  .object({
    groups: z
      .array(ZMemberGroup)
      .max(4)
      .refine((g) => new Set(g).size === g.length, { message: '会员类别不能重复' })
      .optional(),
    householdNo: ZHouseholdNo.nullable().optional(),
  })
  .refine((p) => p.groups !== undefined || p.householdNo !== undefined, { message: '请提供要修改的会员类别或户号' });
export const ZRevokeRoleRequest = z
  .object({ memberId: ZId, role: ZOfficeRoleName, orgId: ZId.optional() })
  .refine((r) => r.role !== 'cadre' || r.orgId !== undefined, { message: '请指定撤销哪个工会的干部角色', path: ['orgId'] });
export const ZAdminOrg = ZOrg.extend({
  /** members whose union is this one */
  memberCount: z.number().int(),
  /** members of this union and every union below it */
  subtreeMemberCount: z.number().int(),
});
export const ZAdminOrgList = z.object({ items: z.array(ZAdminOrg) });
export const ZRenameOrgRequest = z.object({
  name: z.string().trim().min(1, { message: '请填写工会名称' }).max(60, { message: '工会名称不能超过60个字' }),
});
export const ZMonth = z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, { message: '请填写月份，如 2026-11' });
export const ZAttendanceQuery = z.object({ orgId: ZId, month: ZMonth.optional() });
const ZAttendanceFigures = z.object({
  /** activities held: not cancelled, starting in the month (Asia/Shanghai) */
  activities: z.number().int(),
  /** confirmed + checked-in registrations of those activities */
  registrations: z.number().int(),
  checkins: z.number().int(),
  /** 1 − checkins / registrations, 4 decimals; 0 when there are no registrations */
  noShowRate: z.number(),
});
export const ZAttendanceStats = z.object({
  orgId: ZId,
  month: ZMonth,
  totals: ZAttendanceFigures,
  byCategory: z.array(ZAttendanceFigures.extend({ category: ZCategory })),
  byMonth: z.array(ZAttendanceFigures.extend({ month: ZMonth })),
});
export const ZActivityStats = z.object({
  activityId: ZId,
  /** cumulative sign-ups at each hour since sign-up opened */
  signups: z.array(z.object({ at: ZDateTime, count: z.number().int() })),
  /** check-ins in each 10 minutes from the first scan to the last (`at` = start of the 10 minutes) */
  checkins: z.array(z.object({ at: ZDateTime, count: z.number().int() })),
});
export const ZDemoFileQuery = z.object({ name: z.string().max(100) });

export type TMemberGroup = z.infer<typeof ZMemberGroup>;
export type TOfficeRoleName = z.infer<typeof ZOfficeRoleName>;
export type TAdminMember = z.infer<typeof ZAdminMember>;
export type TAdminMemberListQuery = z.infer<typeof ZAdminMemberListQuery>;
export type TRevokeRoleRequest = z.infer<typeof ZRevokeRoleRequest>;
export type TAdminOrg = z.infer<typeof ZAdminOrg>;
export type TAttendanceStats = z.infer<typeof ZAttendanceStats>;
export type TActivityStats = z.infer<typeof ZActivityStats>;
// ---------- office-api: service keys, claims lookup, spreadsheets (api.md v1.1; docs/api-extensions.md) ----------
export const ZApiKeyRole = z.enum(['claims_officer', 'admin', 'verifier'], { message: '密钥角色只能是 claims_officer、admin 或 verifier' });
export const ZCreateApiKeyRequest = z
  .object({
    name: z.string().trim().min(1, { message: '请填写密钥名称' }).max(60, { message: '密钥名称不能超过60个字' }),
    role: ZApiKeyRole,
    orgId: ZId.optional(),
  })
  .refine((k) => k.role !== 'admin' || k.orgId === undefined, { message: '管理员密钥不限定工会，请不要填写 orgId', path: ['orgId'] });
export const ZApiKeyCreated = z.object({
  id: ZId,
  name: z.string(),
  role: ZApiKeyRole,
  orgId: ZId.nullable(),
  /** shown once: only its hash is kept */
  key: z.string(),
  createdAt: ZDateTime,
});
export const ZApiKey = z.object({
  id: ZId,
  name: z.string(),
  role: ZApiKeyRole,
  orgId: ZId.nullable(),
  orgName: z.string().nullable(),
  /** the key's first characters, to tell keys apart; never enough to use it */
  keyPrefix: z.string(),
  createdAt: ZDateTime,
  revokedAt: ZDateTime.nullable(),
  lastUsedAt: ZDateTime.nullable(),
});
export const ZApiKeyList = z.object({ items: z.array(ZApiKey) });

/** `GET /api/admin/claims`: the officer's view without the timeline. */
export const ZOfficerClaimSummary = ZOfficerClaim.omit({ timeline: true });
export const ZOfficerClaimList = listOf(ZOfficerClaimSummary);
export const ZOfficerClaimQuery = ZListQuery.extend({
  claimNo: z.string().trim().min(1).max(40).optional(),
  memberId: ZId.optional(),
  status: ZClaimStatus.optional(),
});

/** The roster `.xlsx` / `.csv` endpoints name the target union in the query. */
export const ZRosterImportQuery = z.object({ orgId: ZId });
export const ZImportTemplateKind = z.enum(['members', 'claims', 'coverage', 'stations', 'aidPayments']);

export type TApiKeyRole = z.infer<typeof ZApiKeyRole>;
export type TCreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequest>;
export type TApiKeyCreated = z.infer<typeof ZApiKeyCreated>;
export type TApiKey = z.infer<typeof ZApiKey>;
export type TOfficerClaimSummary = z.infer<typeof ZOfficerClaimSummary>;
export type TOfficerClaimQuery = z.infer<typeof ZOfficerClaimQuery>;
export type TLandedRow = z.infer<typeof ZLandedRow>;

// ---------- office pages (issue #14): the answer of any import as the office's upload reads it ----------
/** JSON, `.csv` and `.xlsx` imports answer alike; the roster import has no `unchanged`. */
export const ZSpreadsheetImportResult = ZImportResult.extend({ unchanged: ZImportResult.shape.unchanged.optional() });
export type TSpreadsheetImportResult = z.infer<typeof ZSpreadsheetImportResult>;
export type TImportRejection = TRejectedRow;
export type TImportKind = z.infer<typeof ZImportTemplateKind>;
// ---------- door: manual check-in (补签) and subscription answers (extension) ----------
// A member without a phone (or with a dead one) is found by name or member-number tail and checked
// in by hand; the answer has the shape of a scan's.
export const ZRegistrationSearchQuery = z.object({
  q: z.string().trim().min(1, { message: '请输入姓名或会员编号后几位' }).max(30, { message: '搜索内容不能超过30个字' }),
});
export const ZRegistrationSearchItem = z.object({
  registrationId: ZId,
  memberName: z.string(),
  memberNoMasked: z.string(),
  orgName: z.string(),
  status: ZRegistrationStatus,
  checkedInAt: ZDateTime.nullable(),
  checkedInBy: z.string().nullable(),
});
export const ZRegistrationSearch = z.object({ items: z.array(ZRegistrationSearchItem) });
export const ZManualCheckInRequest = z.object({
  registrationId: ZId,
  deviceId: z.string().max(64).optional(),
  /** as for a scan: re-sending the same nonce gets the first verdict and no second audit row */
  nonce: z.string().max(64).optional(),
});
export type TRegistrationSearchItem = z.infer<typeof ZRegistrationSearchItem>;
export type TRegistrationSearch = z.infer<typeof ZRegistrationSearch>;
export type TManualCheckInRequest = z.infer<typeof ZManualCheckInRequest>;
export type TSubscriptionList = z.infer<typeof ZSubscriptionList>;
export * from './contract-card.js';
export * from './contract-lottery.js';
export * from './contract-aid.js';
export * from './contract-uploads.js';
export * from './contract-claims.js';
export * from './contract-stations.js';
export * from './contract-join.js';
