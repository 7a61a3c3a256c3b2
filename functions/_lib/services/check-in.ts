import type { Queryable } from '../db/index.js';
import { AppError, pgErrorCode } from '../errors.js';
import { readTicket } from '../tickets.js';
import type { Config } from '../config.js';
import { ERROR_STATUS, type ErrorCode } from '../../../shared/errors.js';
import { maskMemberNo } from '../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';
import type { TCheckInResponse, TCheckedInRegistration } from '../../../shared/schemas.js';

/** One verdict row of checkin_scan / checkin_sync (migration 004_checkin.sql). */
export type ScanRow = {
  scan_result: 'checked_in' | 'already_checked_in' | 'rejected' | 'refused';
  scan_code: string | null;
  reg_id: string | null;
  reg_status: TCheckedInRegistration['status'] | null;
  member_name: string | null;
  member_no: string | null;
  first_checked_in_at: Date | null;
  first_checked_in_by: string | null;
};

export function scanErrorCode(code: string | null): ErrorCode {
  return code && code in ERROR_STATUS ? (code as ErrorCode) : 'TICKET_INVALID';
}

/** What the scanner shows: the member by name, the number masked, when and by whom first scanned. */
export function toCheckedInRegistration(row: ScanRow): TCheckedInRegistration | undefined {
  if (!row.reg_id || !row.reg_status || row.member_name === null || row.member_no === null) return undefined;
  return {
    id: row.reg_id,
    status: row.reg_status,
    memberName: row.member_name,
    memberNoMasked: maskMemberNo(row.member_no),
    checkedInAt: row.first_checked_in_at ? toShanghaiIso(row.first_checked_in_at) : null,
    checkedInBy: row.first_checked_in_by,
  };
}

/** Admins and cadres whose org covers the activity's org; the rule lives in checkin_refusal (004_checkin.sql). */
export async function requireCheckInManager(options: { db: Queryable; userId: string; activityId: string }): Promise<{ title: string }> {
  const { rows } = await options.db.query<{ refusal: ErrorCode | null; title: string | null }>(
    'select checkin_refusal($1, $2) as refusal, (select title from activities where id = $2) as title',
    [options.userId, options.activityId],
  );
  const refusal = rows[0]?.refusal;
  if (refusal) throw new AppError(refusal);
  return { title: rows[0].title ?? '' };
}

/**
 * Device ids and nonces are the phone's own strings; PostgreSQL text cannot hold NUL, and control
 * characters have no business in an audit row. A lone UTF-16 surrogate (legal in JSON, "\ud800")
 * becomes U+FFFD: PostgreSQL's jsonb refuses it, which would fail a whole offline batch. Empty means absent.
 */
export function cleanScanText(value: string | undefined): string | null {
  return value?.replace(/[\u0000-\u001f\u007f]/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd') || null;
}

const REUSED_NONCE = '扫码编号已用于另一张签到码，请重新扫码';

export function scanMessage(code: ErrorCode): string | undefined {
  return code === 'VALIDATION_FAILED' ? REUSED_NONCE : undefined;
}

/**
 * A deadlock against another writer of the same activity (a cancel locking rows in another order)
 * aborts one side; the statement is a whole transaction, so running it again is safe.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = pgErrorCode(err);
      if (i >= attempts || (code !== '40P01' && code !== '40001')) throw err;
    }
  }
}

/**
 * A cadre scans one ticket at the door. The signature is checked first, without the database; the
 * permission check, the verdict, the counter and the audit row are then one statement (one round
 * trip), race-free as explained in 004_checkin.sql.
 */
export async function checkIn(options: {
  db: Queryable;
  config: Pick<Config, 'ticketPublicKey'>;
  userId: string;
  activityId: string;
  ticket: string;
  deviceId?: string;
  nonce?: string;
}): Promise<TCheckInResponse> {
  const claims = readTicket(options.config, options.ticket);
  if (!claims) throw new AppError('TICKET_INVALID');
  const { rows } = await retryOnConflict(() =>
    options.db.query<ScanRow>('select * from checkin_scan($1, $2, $3, $4, $5, $6)', [
      options.userId,
      options.activityId,
      claims.registrationId,
      claims.activityId,
      cleanScanText(options.nonce),
      cleanScanText(options.deviceId),
    ]),
  );
  const row = rows[0];
  if (!row) throw new AppError('TICKET_INVALID');
  if (row.scan_result === 'refused' || row.scan_result === 'rejected') {
    const code = scanErrorCode(row.scan_code);
    throw new AppError(code, scanMessage(code));
  }
  const registration = toCheckedInRegistration(row);
  if (!registration) throw new AppError('TICKET_INVALID');
  return { result: row.scan_result, registration };
}
