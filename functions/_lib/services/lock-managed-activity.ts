import type { Queryable } from '../db/index.js';
import { AppError } from '../errors.js';
import { canManageOrgPath, type Actor } from './load-actor.js';

export type LockedActivity = {
  id: string; org_path: string; status: 'published' | 'cancelled'; capacity: number; confirmed_count: number; waitlist_count: number;
  starts_at: Date; ends_at: Date; signup_opens_at: Date; signup_closes_at: Date; cancel_deadline: Date | null; title: string;
};

/**
 * Locks an activity row for a cadre's change (inside the caller's transaction). The same lock
 * is taken by sign_up_batch() and cancel_registration(), so seat counts cannot move underneath.
 * An activity the actor may not manage is 403; one that does not exist is 404.
 */
export async function lockManagedActivity(options: { db: Queryable; actor: Actor; activityId: string }): Promise<LockedActivity> {
  const { rows } = await options.db.query<LockedActivity>(
    `select a.id::text, o.path as org_path, a.status, a.capacity, a.confirmed_count, a.waitlist_count, a.starts_at, a.ends_at,
            a.signup_opens_at, a.signup_closes_at, a.cancel_deadline, a.title
       from activities a join orgs o on o.id = a.org_id where a.id = $1 for update of a`,
    [options.activityId],
  );
  const activity = rows[0];
  if (!activity) throw new AppError('NOT_FOUND', '活动不存在');
  if (!canManageOrgPath(options.actor, activity.org_path)) throw new AppError('FORBIDDEN', '您只能管理自己负责的工会的活动');
  return activity;
}
