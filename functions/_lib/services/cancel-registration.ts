import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { toRegistration, type RegistrationRow } from './activity-rows.js';
import type { TRegistration } from '../../../shared/schemas.js';

/**
 * The member gives up their registration. When it held a seat, the first on the waitlist is
 * confirmed in the same transaction and notified (through the outbox). One round trip.
 */
export async function cancelRegistration(options: { db: Db; userId: string; registrationId: string; now?: Date }): Promise<{ registration: TRegistration; promotedRegistrationId: string | null }> {
  const { rows } = await options.db.query<RegistrationRow & { outcome: string; promoted: string | null }>(
    `select o_outcome as outcome, o_promoted::text as promoted, o_id as r_id, o_activity_id as r_activity_id, o_status as r_status,
            o_created_at as r_created_at, o_checked_in_at as r_checked_in_at, o_waitlist_position as r_waitlist_position
       from cancel_registration($1, $2, $3)`,
    [options.userId, options.registrationId, options.now ?? new Date()],
  );
  const row = rows[0];
  if (row.outcome === 'NOT_FOUND') throw new AppError('NOT_FOUND', '报名记录不存在');
  if (row.outcome === 'ALREADY_CHECKED_IN' || row.outcome === 'CANCEL_DEADLINE_PASSED') throw new AppError(row.outcome);
  return { registration: toRegistration(row), promotedRegistrationId: row.promoted };
}
