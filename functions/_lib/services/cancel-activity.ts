import type { Db } from '../db/index.js';
import { loadActor } from './load-actor.js';
import { lockManagedActivity } from './lock-managed-activity.js';
import { writeAudit } from './write-audit.js';
import { getActivity } from './get-activity.js';
import type { TActivity } from '../../../shared/schemas.js';

/** A cadre cancels an activity: every active registration is cancelled and each member notified. */
export async function cancelActivity(options: { db: Db; userId: string; activityId: string; reason: string }): Promise<TActivity> {
  const { db } = options;
  const actor = await loadActor(options);
  await db.transaction(async (tx) => {
    const current = await lockManagedActivity({ db: tx, actor, activityId: options.activityId });
    if (current.status === 'cancelled') return; // cancelling twice changes nothing
    await tx.query(
      `with cancelled as (
         update registrations set status = 'cancelled', cancelled_at = now(), cancel_reason = 'activity_cancelled'
          where activity_id = $1 and status in ('confirmed', 'waitlisted', 'applied')
         returning member_id
       ), notified as (
         insert into notification_outbox (member_id, user_id, template, data, page)
         select c.member_id, notification_user(c.member_id), 'activity_cancelled',
                jsonb_build_object('activityId', $1::text, 'activityTitle', $3::text, 'reason', $2::text), 'pages/activity/index?id=' || $1
           from cancelled c
       )
       update activities set status = 'cancelled', cancel_reason = $2, waitlist_count = 0, updated_at = now(),
              confirmed_count = (select count(*) from registrations where activity_id = $1 and status = 'checked_in')
        where id = $1`,
      [options.activityId, options.reason, current.title],
    );
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'activity.cancel', subjectType: 'activity', subjectId: options.activityId });
  });
  return (await getActivity({ db, userId: actor.userId, activityId: options.activityId })).activity;
}
