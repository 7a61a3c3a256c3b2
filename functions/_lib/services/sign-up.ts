import type { Db } from '../db/index.js';
import { AppError, userGone } from '../errors.js';
import { toRegistration, type RegistrationRow } from './activity-rows.js';
import type { TRegistration } from '../../../shared/schemas.js';
import type { ErrorCode } from '../../../shared/errors.js';

const REFUSALS = new Set<string>(['RATE_LIMITED', 'NOT_A_MEMBER', 'NOT_FOUND', 'ACTIVITY_CANCELLED', 'SIGNUP_NOT_OPEN', 'SIGNUP_CLOSED', 'NOT_ELIGIBLE', 'ACTIVITY_FULL']);

// The member's name and number (for the ticket's holder) come from the same statement: the
// caller's user row names the member, and members rows exist before the batch, so no extra round
// trip. The CTE runs the batch exactly once.
export const SIGN_UP_BATCH_SQL = `
  with b as materialized (select * from sign_up_batch($1::bigint[], $2, $3::text[], $4::timestamptz[], $5)
                          -- a lottery (014) is never batched: this gate (a one-time filter) leaves the function unrun and answers no rows
                          where not exists (select 1 from activities l where l.id = $2 and l.allocation = 'lottery'))
  select o_index as index, o_outcome as outcome, o_id as r_id, o_activity_id as r_activity_id, o_status as r_status,
         o_created_at as r_created_at, o_checked_in_at as r_checked_in_at, o_waitlist_position as r_waitlist_position,
         m.name as r_member_name, m.member_no as r_member_no
    from b
    left join users u on u.id = ($1::bigint[])[b.o_index]
    left join members m on m.id = u.member_id`;

/** Sign-up attempts per user per minute: far above any person's taps, far below a script's. */
export const SIGN_UP_RATE_LIMIT = Number(process.env.RATE_LIMIT_SIGNUP_PER_MINUTE ?? 30);

/** The most sign-ups one transaction decides; more wait for the next batch. */
export const SIGN_UP_BATCH_MAX = 200;

type Decision = RegistrationRow & { index: number; outcome: string };
type Waiting = { userId: string; idempotencyKey: string | null; now: Date; resolve: (d: Decision) => void; reject: (err: unknown) => void };

// Per database and activity: the sign-ups waiting for the next batch. An entry exists exactly
// while a batch of that activity is in the database; it holds only requests in flight.
const waitingByDb = new WeakMap<Db, Map<string, Waiting[]>>();

/**
 * Signs the caller up: a seat while there is one, else the waitlist (when enabled), else ACTIVITY_FULL.
 * A repeated tap or a retried Idempotency-Key answers the existing registration with created: false.
 *
 * Sign-ups for one activity that arrive while an earlier one is in the database are decided
 * together by the next call of sign_up_batch(): one round trip, one row lock and one commit for
 * all of them, in arrival order (migrations/006_signup_batch.sql says why seats stay exact). A
 * lone tap goes at once as a batch of one, so the batching adds no wait; under a rush it is what
 * lets one activity take thousands of sign-ups a second.
 */
export async function signUp(options: { db: Db; userId: string; activityId: string; idempotencyKey?: string; now?: Date }): Promise<{ registration: TRegistration; created: boolean }> {
  const item = { userId: options.userId, idempotencyKey: options.idempotencyKey ?? null, now: options.now ?? new Date() };
  const row = knownLottery(options.db, options.activityId) ? await applyToLottery(options.db, options.activityId, item) : await decideInBatch(options.db, options.activityId, item);
  if (row.outcome === 'UNAUTHENTICATED') throw userGone();
  if (row.outcome === 'RATE_LIMITED') throw new AppError('RATE_LIMITED', '报名操作过于频繁，请一分钟后再试', { headers: { 'Retry-After': '60' } });
  if (REFUSALS.has(row.outcome)) throw new AppError(row.outcome as ErrorCode, row.outcome === 'NOT_FOUND' ? '活动不存在' : undefined);
  return { registration: toRegistration(row), created: row.outcome === 'CREATED' };
}

function decideInBatch(db: Db, activityId: string, item: Omit<Waiting, 'resolve' | 'reject'>): Promise<Decision> {
  return new Promise((resolve, reject) => {
    let byActivity = waitingByDb.get(db);
    if (!byActivity) waitingByDb.set(db, (byActivity = new Map()));
    const waiting = byActivity.get(activityId);
    if (waiting) {
      waiting.push({ ...item, resolve, reject });
      return;
    }
    byActivity.set(activityId, [{ ...item, resolve, reject }]);
    void runBatches(db, byActivity, activityId);
  });
}

/** Sends the waiting sign-ups of one activity, one batch at a time, until none is left. */
async function runBatches(db: Db, byActivity: Map<string, Waiting[]>, activityId: string): Promise<void> {
  const waiting = byActivity.get(activityId) as Waiting[];
  while (waiting.length > 0) {
    const batch = waiting.splice(0, SIGN_UP_BATCH_MAX);
    try {
      const { rows } = await db.query<Decision>(SIGN_UP_BATCH_SQL, [
        batch.map((w) => w.userId),
        activityId,
        batch.map((w) => w.idempotencyKey),
        batch.map((w) => w.now.toISOString()),
        SIGN_UP_RATE_LIMIT,
      ]);
      if (rows.length === 0) {
        // The gate found a lottery: remember it, and apply each of these to it instead.
        rememberLottery(db, activityId);
        for (const w of batch) applyToLottery(db, activityId, w).then(w.resolve, w.reject);
        continue;
      }
      for (const row of rows) batch[row.index - 1].resolve(row);
    } catch (err) {
      // One transaction: nothing of it was written, and every sign-up in it gets the same answer.
      for (const w of batch) w.reject(err);
    }
  }
  byActivity.delete(activityId);
}

// ---------- lottery (issue #16, docs/lottery.md) ----------
// An activity's allocation is fixed at creation (trigger activities_allocation_fixed, 014), so
// an instance that once found a lottery remembers it. Until then a sign-up goes the first-come
// way, whose statement is gated to do nothing for a lottery: first come costs no extra round
// trip, a lottery's first sign-ups on an instance one.
const lotteriesByDb = new WeakMap<Db, Set<string>>();

function knownLottery(db: Db, activityId: string): boolean {
  return lotteriesByDb.get(db)?.has(activityId) ?? false;
}

function rememberLottery(db: Db, activityId: string): void {
  let known = lotteriesByDb.get(db);
  if (!known) lotteriesByDb.set(db, (known = new Set()));
  if (known.size > 10_000) known.clear();
  known.add(activityId);
}

/**
 * A lottery application: one independent row (status applied), no activity row lock and no
 * batching, since the order of applications decides nothing. lottery_apply() (014_lottery.sql)
 * answers in the shape of one sign_up_batch() item.
 */
async function applyToLottery(db: Db, activityId: string, item: Omit<Waiting, 'resolve' | 'reject'>): Promise<Decision> {
  const { rows } = await db.query<Decision>(
    `select 1 as index, o_outcome as outcome, o_id as r_id, o_activity_id as r_activity_id, o_status as r_status,
            o_created_at as r_created_at, o_checked_in_at as r_checked_in_at, o_waitlist_position as r_waitlist_position,
            m.name as r_member_name, m.member_no as r_member_no
       from lottery_apply($1, $2, $3, $4, $5) b
       left join users u on u.id = $1
       left join members m on m.id = u.member_id`,
    [item.userId, activityId, item.idempotencyKey, item.now.toISOString(), SIGN_UP_RATE_LIMIT],
  );
  return rows[0];
}
