// The contract's building blocks (api.md "Conventions"): ids, times, money, people, errors, lists,
// imports. Every shared/contract-*.ts and shared/schemas.ts import them from here; this file imports
// nothing from schemas.ts or the contract files, so there is no ESM cycle. schemas.ts re-exports it
// (`export * from './contract-base.js'`), which keeps the OpenAPI component names.
import { z } from './zod.js';
import { PLANS } from './domain/claims.js';
import { isValidIdNumber } from './domain/id-number.js';
import { ERROR_STATUS } from './errors.js';

export const ZId = z.string().regex(/^[1-9]\d{0,17}$/, { message: '编号格式不正确' }).meta({ description: 'opaque id' });
export const ZDateTime = z.iso.datetime({ offset: true, message: '请填写带时区的时间，如 2026-12-01T09:00:00+08:00' });
export const ZDate = z.iso.date({ message: '请填写日期，如 2026-01-01' });
export const ZFen = z.number().int().min(0).max(100_000_000_00);
export const ZIdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, { message: '身份证号码格式或校验位不正确' });
export const ZPersonName = z.string().trim().min(1, { message: '请填写姓名' }).max(30, { message: '姓名不能超过30个字' });
export const ZPhone = z.string().trim().regex(/^1[3-9]\d{9}$/, { message: '手机号码格式不正确' });
export const ZPlan = z.enum(PLANS);

export const ZErrorCode = z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]);
export const ZErrorBody = z.object({
  error: z.object({
    code: ZErrorCode,
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** UPLOAD_OFFSET_MISMATCH (resumable uploads): the bytes the server holds, where to resume */
    offset: z.number().int().min(0).optional(),
  }),
});

export const ZListQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

// ---------- imports (api.md "Imports", v1.1) ----------
/** The JSON body of an import: its rows, validated one by one by the import */
export const ZRowsEnvelope = z.object({ rows: z.array(z.unknown()).min(1, { message: '至少需要一行' }).max(5000, { message: '一次最多导入5000行' }) });
export const ZRejectedRow = z.object({
  index: z.number().int(),
  code: ZErrorCode,
  message: z.string(),
  /** v1.1, spreadsheets: the row number in the file (index 0 = row 2) */
  row: z.number().int().optional(),
  /** v1.1: the column at fault: its header as written in the spreadsheet, or the JSON field name */
  column: z.string().optional(),
});
/** v1.1: per landed row, the id of the record it created or updated */
export const ZLandedRow = z.object({ index: z.number().int(), id: ZId });
export const ZImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(ZRejectedRow),
  landed: z.array(ZLandedRow),
});
