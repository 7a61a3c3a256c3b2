import type { Queryable } from '../db/index.js';
import { AppError } from '../errors.js';
import { readTicket } from '../tickets.js';
import type { Config } from '../config.js';
import { ERROR_MESSAGES } from '../../../shared/errors.js';
import type { TCheckInBatchResult, TOfflineScan } from '../../../shared/schemas.js';
import { cleanScanText, retryOnConflict, scanErrorCode, scanMessage, toCheckedInRegistration, type ScanRow } from './check-in.js';

const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');

/**
 * A phone's clock may say anything ISO 8601 allows (year 0000, offset +23:59) that PostgreSQL
 * refuses to read; bring it into a range it reads, in UTC. The database then clamps it to now.
 */
function readableTime(iso: string): string {
  const t = Date.parse(iso);
  return new Date(Number.isNaN(t) ? Date.now() : Math.min(Math.max(t, EARLIEST), LATEST)).toISOString();
}

/**
 * The scans a phone made without signal, sent when it is back online. Every scan gets its own
 * answer, in the order sent: conflicts found now (checked in elsewhere meanwhile, cancelled after
 * the pack was downloaded) are reported, never dropped. A nonce already recorded for this scanner
 * answers with its original verdict and adds no row, so re-sending a batch is harmless.
 * All genuine scans are decided in one statement (one round trip, one transaction).
 */
export async function syncCheckins(options: {
  db: Queryable;
  config: Pick<Config, 'ticketPublicKey'>;
  userId: string;
  activityId: string;
  scans: TOfflineScan[];
}): Promise<{ results: TCheckInBatchResult[] }> {
  const results: TCheckInBatchResult[] = options.scans.map((s) => ({ nonce: s.nonce, result: 'rejected', code: 'TICKET_INVALID', message: ERROR_MESSAGES.TICKET_INVALID }));
  const genuine = options.scans.flatMap((s, i) => {
    const claims = readTicket(options.config, s.ticket);
    if (!claims) return [];
    return [{ i, registration_id: claims.registrationId, activity_id: claims.activityId, nonce: cleanScanText(s.nonce), device_id: cleanScanText(s.deviceId), scanned_at: readableTime(s.scannedAt) }];
  });

  const { rows } = await retryOnConflict(() =>
    options.db.query<ScanRow & { scan_index: number }>('select * from checkin_sync($1, $2, $3::jsonb)', [options.userId, options.activityId, JSON.stringify(genuine)]),
  );
  // Permission is decided in the same statement; a refusal comes back as the only row.
  const refusal = rows.find((r) => r.scan_result === 'refused');
  if (refusal) throw new AppError(scanErrorCode(refusal.scan_code));

  for (const row of rows) {
    const nonce = options.scans[row.scan_index].nonce;
    if (row.scan_result === 'rejected') {
      const code = scanErrorCode(row.scan_code);
      // A ticket of another activity: say so, but show nothing about that registration.
      const registration = code === 'WRONG_ACTIVITY' ? undefined : toCheckedInRegistration(row);
      results[row.scan_index] = { nonce, result: 'rejected', code, message: scanMessage(code) ?? ERROR_MESSAGES[code], ...(registration ? { registration } : {}) };
    } else if (row.scan_result === 'checked_in' || row.scan_result === 'already_checked_in') {
      const registration = toCheckedInRegistration(row);
      if (registration) results[row.scan_index] = { nonce, result: row.scan_result, registration };
    }
  }
  return { results };
}
