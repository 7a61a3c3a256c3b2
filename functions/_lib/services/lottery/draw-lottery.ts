import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { errorFields, log } from '../../log.js';
import { canManageOrgPath, loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { getDraw } from './get-draw.js';
import { notifyDrawResults } from './notify-draw-results.js';
import { runDraw, seedHashOf } from '../../../../shared/domain/lottery.js';
import type { TDrawResult } from '../../../../shared/schemas.js';

type LockedLottery = {
  id: string; org_path: string; title: string; status: string; allocation: string; drawn_at: Date | null; signup_closes_at: Date;
  starts_at: Date; location_name: string | null; capacity: number; priority_share: number; priority_groups: string[];
  waitlist_enabled: boolean; draw_seed_hash: string | null;
};

const LOCK_SQL = `select a.id::text, o.path as org_path, a.title, a.status, a.allocation, a.drawn_at, a.signup_closes_at, a.starts_at,
         a.location->>'name' as location_name, a.capacity, a.priority_share, a.priority_groups, a.waitlist_enabled, a.draw_seed_hash
    from activities a join orgs o on o.id = a.org_id where a.id = $1`;

/**
 * Draws a closed lottery in one transaction (api.md "Scarce benefits"; the rule is
 * shared/domain/lottery.ts). The activity row lock (FOR UPDATE) makes a second draw wait and
 * then answer ALREADY_DRAWN, and waits for every sign-up still inserting (they hold the foreign
 * key's share lock on the row). Winners become confirmed (tickets as for first come), the rest
 * waitlisted with seq = rank (so promote_waitlist() follows draw order) or not_selected; every
 * applicant gets a notice through the outbox, written just after the commit (notify-draw-results.ts). `userId` null is the scheduler: it skips an
 * activity another draw holds instead of waiting (answer null).
 */
export async function drawLottery(options: { db: Db; userId: string | null; activityId: string; now?: Date }): Promise<TDrawResult | null> {
  if (!(await drawLotteryOnly(options))) return null;
  await writeDrawNotices(options.db, options.activityId);
  return getDraw({ db: options.db, activityId: options.activityId });
}

/**
 * After a committed draw: its notices, now. A failure here loses nothing (the job stays pending and
 * the dispatcher's cron finishes it), so it is logged, not thrown: the draw itself did happen.
 */
export async function writeDrawNotices(db: Db, activityId: string): Promise<void> {
  try {
    await notifyDrawResults({ db, activityId });
  } catch (err) {
    log.warn('lottery_notices_deferred', { activityId, ...errorFields(err) });
  }
}

/** The draw's transaction alone (no notices, no reading back): true when this call drew it. */
export async function drawLotteryOnly(options: { db: Db; userId: string | null; activityId: string; now?: Date }): Promise<boolean> {
  const { db } = options;
  const now = options.now ?? new Date();
  const actor = options.userId === null ? null : await loadActor({ db, userId: options.userId });
  const drawn = await db.transaction(async (tx) => {
    const { rows } = await tx.query<LockedLottery>(`${LOCK_SQL} for update of a${actor ? '' : ' skip locked'}`, [options.activityId]);
    const a = rows[0];
    if (!a) {
      if (!actor) return false;
      throw new AppError('NOT_FOUND', '活动不存在');
    }
    if (actor && !canManageOrgPath(actor, a.org_path)) throw new AppError('FORBIDDEN', '您只能管理自己负责的工会的活动');
    if (a.allocation !== 'lottery') throw new AppError('DRAW_NOT_READY', '该活动为先到先得，不需要抽签');
    if (a.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED');
    if (a.drawn_at) throw new AppError('ALREADY_DRAWN');
    if (now.getTime() < a.signup_closes_at.getTime()) throw new AppError('DRAW_NOT_READY', '报名尚未截止，截止后才能抽签');
    await drawLocked(tx, a, actor?.userId ?? null, now);
    return true;
  });
  return drawn;
}

/** node:crypto's SHA-256 for the shared rule (the same function as its portable one, much faster). */
export const nativeSha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

async function drawLocked(tx: Queryable, a: LockedLottery, actorUserId: string | null, now: Date): Promise<void> {
  const seedRow = await tx.query<{ seed: string }>('select seed from lottery_seeds where activity_id = $1', [a.id]);
  const seed = seedRow.rows[0]?.seed;
  // The seed must be the one whose hash was published; anything else would be a different lottery.
  if (!seed || seedHashOf(seed) !== a.draw_seed_hash) throw new Error(`lottery seed of activity ${a.id} is missing or does not match its published hash`);

  // Every sign-up committed before the lock was granted is visible to this statement.
  const applicants = await tx.query<{ id: string; groups: string[] }>(
    `select r.id::text, m.groups from registrations r join members m on m.id = r.member_id
      where r.activity_id = $1 and r.status = 'applied'`,
    [a.id],
  );
  const entries = runDraw(
    seed,
    { capacity: a.capacity, priorityShare: a.priority_share, priorityGroups: a.priority_groups, waitlistEnabled: a.waitlist_enabled },
    applicants.rows.map((r) => ({ registrationId: r.id, groups: r.groups })),
    nativeSha256Hex,
  );
  const confirmed = entries.filter((e) => e.outcome === 'confirmed').length;
  const waitlisted = entries.filter((e) => e.outcome === 'waitlisted').length;
  await tx.query(
    `update activities set drawn_at = $2, draw_seed = $3, confirmed_count = $4, waitlist_count = $5, updated_at = now() where id = $1`,
    [a.id, now.toISOString(), seed, confirmed, waitlisted],
  );
  // One statement writes the rule's answer (passed as arrays) onto every drawn registration.
  await tx.query(
    `update registrations r set status = v.outcome, seq = v.rank, confirmed_at = case when v.outcome = 'confirmed' then $5::timestamptz end,
            draw_outcome = v.outcome, draw_groups = string_to_array(v.groups, ',')
       from unnest($1::bigint[], $2::text[], $3::int[], $4::text[]) as v(id, outcome, rank, groups)
      where r.id = v.id`,
    [
      entries.map((e) => e.registrationId),
      entries.map((e) => e.outcome),
      entries.map((e) => e.rank),
      entries.map((e) => e.groups.join(',')),
      now.toISOString(),
    ],
  );
  // Every applicant's notice (lottery_result) is written from this job by notify-draw-results.ts,
  // in batches after the commit: the job exists only if the draw committed (026).
  await tx.query('insert into lottery_notice_jobs (activity_id) values ($1)', [a.id]);
  const summary = { drawSeedHash: a.draw_seed_hash, applicants: entries.length, confirmed, waitlisted, notSelected: entries.length - confirmed - waitlisted, by: actorUserId ? 'cadre' : 'scheduler' };
  await writeAudit({ db: tx, actorUserId, action: 'activity.draw', subjectType: 'activity', subjectId: a.id, detail: summary });
  log.info('lottery_drawn', { activityId: a.id, ...summary });
}
