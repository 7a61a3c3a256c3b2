import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { loadActor } from './load-actor.js';
import { lockManagedActivity } from './lock-managed-activity.js';
import { writeAudit } from './write-audit.js';
import { getActivity } from './get-activity.js';
import { checkActivityTimes } from '../../../shared/domain/activities.js';
import type { TActivity, TActivityPatch } from '../../../shared/schemas.js';

const COLUMNS: Record<Exclude<keyof TActivityPatch, 'location'>, string> = {
  title: 'title', category: 'category', description: 'description', startsAt: 'starts_at', endsAt: 'ends_at',
  signupOpensAt: 'signup_opens_at', signupClosesAt: 'signup_closes_at', capacity: 'capacity',
  waitlistEnabled: 'waitlist_enabled', cancelDeadline: 'cancel_deadline', audience: 'audience',
};

/**
 * A cadre edits an activity. Raising capacity confirms the waitlist in arrival order (and
 * notifies them) in the same transaction; lowering it below the confirmed count is refused.
 */
export async function updateActivity(options: { db: Db; userId: string; activityId: string; patch: TActivityPatch }): Promise<TActivity> {
  const { db, patch } = options;
  const actor = await loadActor(options);
  await db.transaction(async (tx) => {
    const current = await lockManagedActivity({ db: tx, actor, activityId: options.activityId });
    if (current.status === 'cancelled') throw new AppError('ACTIVITY_CANCELLED', '活动已取消，不能再修改');
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    const problems = checkActivityTimes({
      startsAt: patch.startsAt ?? iso(current.starts_at)!,
      endsAt: patch.endsAt ?? iso(current.ends_at)!,
      signupOpensAt: patch.signupOpensAt ?? iso(current.signup_opens_at)!,
      signupClosesAt: patch.signupClosesAt ?? iso(current.signup_closes_at)!,
      cancelDeadline: patch.cancelDeadline === undefined ? iso(current.cancel_deadline) : patch.cancelDeadline,
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', problems[0].message, { details: problems });
    if (patch.capacity !== undefined && patch.capacity < current.confirmed_count) {
      throw new AppError('CAPACITY_BELOW_CONFIRMED', `名额不能少于已确认报名的人数（${current.confirmed_count}人）`);
    }
    const sets: string[] = [];
    const values: unknown[] = [options.activityId];
    for (const [key, column] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, string][]) {
      if (patch[key] === undefined) continue;
      values.push(patch[key]);
      sets.push(`${column} = $${values.length}`);
    }
    if (patch.location) {
      values.push(JSON.stringify(patch.location));
      sets.push(`location = $${values.length}`);
    }
    await tx.query(`update activities set ${sets.join(', ')}, updated_at = now() where id = $1`, values);
    if (patch.capacity !== undefined && patch.capacity > current.confirmed_count && current.waitlist_count > 0) {
      await tx.query('select promote_waitlist($1, $2, $3)', [options.activityId, patch.capacity - current.confirmed_count, new Date()]);
    }
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'activity.update', subjectType: 'activity', subjectId: options.activityId, detail: { fields: Object.keys(patch) } });
  });
  return (await getActivity({ db, userId: actor.userId, activityId: options.activityId })).activity;
}
