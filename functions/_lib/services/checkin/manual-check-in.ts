import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { cleanScanText, retryOnConflict, scanErrorCode, scanMessage, toCheckedInRegistration, type ScanRow } from '../check-in.js';
import type { TCheckInResponse } from '../../../../shared/schemas.js';

/**
 * 补签: a cadre checks in a member found by name (no phone, a dead one, a ticket that will not
 * scan). Same verdicts and answer as a scan; permission, verdict, counter and the audit row
 * (mode 'manual') are one statement, checkin_manual() in 011_door.sql.
 */
export async function manualCheckIn(options: {
  db: Queryable;
  userId: string;
  activityId: string;
  registrationId: string;
  deviceId?: string;
  nonce?: string;
}): Promise<TCheckInResponse> {
  const { rows } = await retryOnConflict(() =>
    options.db.query<ScanRow>('select * from checkin_manual($1, $2, $3, $4, $5)', [
      options.userId,
      options.activityId,
      options.registrationId,
      cleanScanText(options.nonce),
      cleanScanText(options.deviceId),
    ]),
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND');
  if (row.scan_result === 'refused' || row.scan_result === 'rejected') {
    // checkin_apply calls a registration it cannot honour TICKET_INVALID; by hand there is no ticket.
    const code = row.scan_code === 'TICKET_INVALID' ? 'NOT_FOUND' : scanErrorCode(row.scan_code);
    throw new AppError(code, code === 'NOT_FOUND' ? '本场活动没有这条报名' : scanMessage(code));
  }
  const registration = toCheckedInRegistration(row);
  if (!registration) throw new AppError('NOT_FOUND', '本场活动没有这条报名');
  return { result: row.scan_result, registration };
}
