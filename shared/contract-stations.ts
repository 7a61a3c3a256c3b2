// Love stations (爱心驿站): api.md "Love stations" and the Stations paragraph of "v1.1 precisions".
// Extensions (opensAt, closesAt, hoursText, orgId/orgName, deadlines, reliability, suspension) are
// in docs/api-extensions.md.
import { z } from './zod.js';
import { ZUploadId } from './contract-uploads.js';
import { ZDateTime, ZId, ZImportResult, ZListQuery, ZRowsEnvelope, listOf } from './contract-base.js';
import { parseOpeningHours } from './domain/opening-hours.js';

export const STATION_SERVICES = ['water', 'hot_meal', 'charging', 'toilet', 'rest', 'first_aid', 'air_conditioning', 'microwave'] as const;
export const STATION_SERVICE_LABELS: Record<(typeof STATION_SERVICES)[number], string> = {
  water: '饮水',
  hot_meal: '热饭',
  charging: '充电',
  toilet: '如厕',
  rest: '休息',
  first_aid: '急救药箱',
  air_conditioning: '空调',
  microwave: '微波炉',
};
export const STATION_REPORT_KINDS = ['closed', 'no_water', 'expired_medicine', 'dirty', 'other'] as const;
export const STATION_REPORT_KIND_LABELS: Record<(typeof STATION_REPORT_KINDS)[number], string> = {
  closed: '没开门',
  no_water: '没有水',
  expired_medicine: '药品过期',
  dirty: '卫生差',
  other: '其他问题',
};
export const STATION_STATUS_LABELS = { open: '正常开放', reported_closed: '有人反映未开放', suspended: '暂停服务' } as const;

export const ZStationService = z.enum(STATION_SERVICES, { message: `服务只能是：${Object.values(STATION_SERVICE_LABELS).join('、')}` });
export const ZStationStatus = z.enum(['open', 'reported_closed', 'suspended']);
export const ZStationReportKind = z.enum(STATION_REPORT_KINDS, { message: '请选择问题类型' });

/** GCJ-02 degrees inside mainland China's extent: catches swapped or WGS-84-in-radians columns early. */
export const ZLat = z.number({ message: '纬度应为数字' }).min(3.8, { message: '纬度应在中国境内（3.8–53.6，GCJ-02）' }).max(53.6, { message: '纬度应在中国境内（3.8–53.6，GCJ-02）' });
export const ZLng = z.number({ message: '经度应为数字' }).min(73.5, { message: '经度应在中国境内（73.5–135.1，GCJ-02）' }).max(135.1, { message: '经度应在中国境内（73.5–135.1，GCJ-02）' });

export const ZOpeningHoursText = z.string({ message: '请填写开放时间' }).superRefine((text, ctx) => {
  const parsed = parseOpeningHours(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

const queryBoolean = z.enum(['true', 'false', '1', '0'], { message: '只能是 true 或 false' }).transform((v) => v === 'true' || v === '1');
const queryNumber = (schema: z.ZodNumber) => z.coerce.number({ message: '应为数字' }).pipe(schema);

export const ZStationSearchQuery = ZListQuery.extend({
  lat: queryNumber(z.number().min(-90, { message: '纬度应在 -90 到 90 之间' }).max(90, { message: '纬度应在 -90 到 90 之间' })),
  lng: queryNumber(z.number().min(-180, { message: '经度应在 -180 到 180 之间' }).max(180, { message: '经度应在 -180 到 180 之间' })),
  radiusKm: queryNumber(z.number().gt(0, { message: '搜索半径应大于 0' }).max(50, { message: '搜索半径不能超过50公里' })).default(5),
  service: ZStationService.optional(),
  openNow: queryBoolean.optional(),
});

/** GET /api/stations/:id may say where the caller is, to get distanceM. */
export const ZStationGetQuery = z.object({
  lat: ZStationSearchQuery.shape.lat.optional(),
  lng: ZStationSearchQuery.shape.lng.optional(),
});

export const ZStation = z.object({
  id: ZId,
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  /** metres from the searched point, rounded; null when no point was given (GET /:id) */
  distanceM: z.number().int().nullable(),
  openingHours: z.string(),
  openNow: z.boolean(),
  services: z.array(ZStationService),
  phone: z.string().nullable(),
  status: ZStationStatus,
  lastConfirmedAt: ZDateTime.nullable(),
  // extensions
  /** when closed: the next opening within a week (null: not within a week) */
  opensAt: ZDateTime.nullable(),
  /** when open: when it closes next (null: not within a week, e.g. 24/7) */
  closesAt: ZDateTime.nullable(),
  /** the hours in Chinese words */
  hoursText: z.string(),
  orgId: ZId,
  orgName: z.string(),
});
export const ZStationList = listOf(ZStation);

export const ZStationVisit = z.object({ id: ZId, stationId: ZId, createdAt: ZDateTime, lastConfirmedAt: ZDateTime });

export const ZStationReportRequest = z.object({
  kind: ZStationReportKind,
  note: z.string().trim().max(200, { message: '补充说明不能超过200个字' }).optional(),
  /** a photo the reporter uploaded (POST /api/uploads); the station's union cadres and admins may read it */
  uploadId: ZUploadId.optional(),
});
export const ZStationReport = z.object({
  id: ZId,
  stationId: ZId,
  kind: ZStationReportKind,
  note: z.string().nullable(),
  createdAt: ZDateTime,
  status: z.enum(['open', 'resolved']),
});

export const ZStationImportRow = z.object({
  name: z.string({ message: '请填写名称' }).trim().min(1, { message: '请填写名称' }).max(60, { message: '名称不能超过60个字' }),
  address: z.string({ message: '请填写地址' }).trim().min(1, { message: '请填写地址' }).max(200, { message: '地址不能超过200个字' }),
  lat: ZLat,
  lng: ZLng,
  openingHours: ZOpeningHoursText,
  services: z.array(ZStationService, { message: '服务应为列表' }).max(8).transform((s) => [...new Set(s)]),
  phone: z
    .string()
    .trim()
    .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4}|\d{5,8})$/, { message: '电话格式不正确，如 0371-12345678 或 13800000000' })
    .optional(),
});
export const ZStationImportEnvelope = ZRowsEnvelope.extend({ orgId: ZId });
/** `.csv` / `.xlsx` bodies name the union in the query */
export const ZStationImportQuery = z.object({ orgId: ZId.optional() });
/** api.md ImportResult; its own instance so that OpenAPI keeps the component StationImportResult */
export const ZStationImportResult = ZImportResult.extend({});

export const ZAdminStationReportQuery = ZListQuery.extend({
  status: z.enum(['open', 'resolved'], { message: '状态只能是 open 或 resolved' }).default('open'),
  orgId: ZId.optional(),
});
export const ZAdminStationReport = ZStationReport.extend({
  stationName: z.string(),
  stationAddress: z.string(),
  stationStatus: ZStationStatus,
  orgId: ZId,
  orgName: z.string(),
  /** the end of the second working day after the report (Asia/Shanghai, calendar_days: working_days_after) */
  deadlineAt: ZDateTime,
  overdue: z.boolean(),
  hasPhoto: z.boolean(),
  /** the photo's upload (GET /api/uploads/:id; null without one), for 查看照片 in the office */
  uploadId: ZUploadId.nullable(),
  resolvedAt: ZDateTime.nullable(),
  resolutionNote: z.string().nullable(),
});
export const ZAdminStationReportList = listOf(ZAdminStationReport);
export const ZResolveStationReportRequest = z.object({
  note: z.string({ message: '请填写处理说明' }).trim().min(2, { message: '处理说明至少2个字' }).max(200, { message: '处理说明不能超过200个字' }),
});

export const ZSuspendStationRequest = z.object({
  reason: z.string({ message: '请填写暂停原因' }).trim().min(2, { message: '暂停原因至少2个字' }).max(200, { message: '暂停原因不能超过200个字' }),
});

export const ZStationReliabilityQuery = ZListQuery.extend({ orgId: ZId.optional() });
export const ZStationReliability = z.object({
  stationId: ZId,
  name: z.string(),
  address: z.string(),
  orgName: z.string(),
  status: ZStationStatus,
  lastConfirmedAt: ZDateTime.nullable(),
  visits30d: z.number().int(),
  visitsTotal: z.number().int(),
  reportsTotal: z.number().int(),
  reportsOpen: z.number().int(),
  overdueOpen: z.number().int(),
  resolvedCount: z.number().int(),
  /** mean hours from report to resolution over resolved reports; null when none */
  avgResolveHours: z.number().nullable(),
});
export const ZStationReliabilityList = listOf(ZStationReliability);

export type TStationService = z.infer<typeof ZStationService>;
export type TStationStatus = z.infer<typeof ZStationStatus>;
export type TStationReportKind = z.infer<typeof ZStationReportKind>;
export type TStation = z.infer<typeof ZStation>;
export type TStationList = z.infer<typeof ZStationList>;
export type TStationSearchQuery = z.infer<typeof ZStationSearchQuery>;
export type TStationVisit = z.infer<typeof ZStationVisit>;
export type TStationReportRequest = z.infer<typeof ZStationReportRequest>;
export type TStationReport = z.infer<typeof ZStationReport>;
export type TStationImportRow = z.infer<typeof ZStationImportRow>;
export type TAdminStationReport = z.infer<typeof ZAdminStationReport>;
export type TAdminStationReportList = z.infer<typeof ZAdminStationReportList>;
export type TStationReliability = z.infer<typeof ZStationReliability>;
export type TStationReliabilityList = z.infer<typeof ZStationReliabilityList>;
