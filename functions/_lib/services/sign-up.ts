import type { Db } from '../db/index.js';
import { AppError, pgErrorCode } from '../errors.js';
import { toRegistration, type RegistrationRow } from './activity-rows.js';
import type { TRegistration } from '../../../shared/schemas.js';
import type { ErrorCode } from '../../../shared/errors.js';

const REFUSALS = new Set<string>(['RATE_LIMITED', 'NOT_A_MEMBER', 'NOT_FOUND', 'ACTIVITY_CANCELLED', 'SIGNUP_NOT_OPEN', 'SIGNUP_CLOSED', 'NOT_ELIGIBLE', 'ACTIVITY_FULL']);

export const SIGN_UP_SQL = `
  select o_outcome as outcome, o_id as r_id, o_activity_id as r_activity_id, o_status as r_status, o_created_at as r_created_at,
         o_checked_in_at as r_checked_in_at, o_waitlist_position as r_waitlist_position
    from sign_up($1, $2, $3, $4, $5)`;

/** Sign-up attempts per user per minute: far above any person's taps, far below a script's. */
export const SIGN_UP_RATE_LIMIT = Number(process.env.RATE_LIMIT_SIGNUP_PER_MINUTE ?? 30);

/**
 * Signs the caller up: a seat while there is one, else the waitlist (when enabled), else ACTIVITY_FULL.
 * One round trip: the sign_up() database function decides with one UPDATE of the activity row
 * (migrations/003_signup.sql says why no seat can be given twice and none is lost).
 * A repeated tap or a retried Idempotency-Key answers the existing registration with created: false.
 */
export async function signUp(options: { db: Db; userId: string; activityId: string; idempotencyKey?: string; now?: Date }): Promise<{ registration: TRegistration; created: boolean }> {
  const params = [options.userId, options.activityId, options.idempotencyKey ?? null, options.now ?? new Date(), SIGN_UP_RATE_LIMIT];
  let row: (RegistrationRow & { outcome: string }) | undefined;
  try {
    row = (await options.db.query<RegistrationRow & { outcome: string }>(SIGN_UP_SQL, params)).rows[0];
  } catch (err) {
    // Two taps of one member raced past the existence check; the unique index let one through.
    // Asking again finds that one (a second round trip only in this rare case).
    if (pgErrorCode(err) !== '23505') throw err;
    row = (await options.db.query<RegistrationRow & { outcome: string }>(SIGN_UP_SQL, params)).rows[0];
  }
  if (row.outcome === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', '报名操作过于频繁，请一分钟后再试', { headers: { 'Retry-After': '60' } });
  if (REFUSALS.has(row.outcome)) throw new AppError(row.outcome as ErrorCode, row.outcome === 'NOT_FOUND' ? '活动不存在' : undefined);
  return { registration: toRegistration(row), created: row.outcome === 'CREATED' };
}
