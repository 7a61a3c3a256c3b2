import type { Queryable } from '../db/index.js';

/** Logical templates; WECHAT_TEMPLATE_<NAME> maps each to the WeChat template id at send time. */
export type NotificationTemplate = 'registration_confirmed' | 'waitlist_promoted' | 'activity_cancelled' | 'claim_status_changed' | 'lottery_result' | 'aid_status_changed' | 'join_application' | 'membership_transfer';

/** To a member (their bound user receives it), or (join applications: no member yet) to a user. */
export type Notification = ({ memberId: string; userId?: undefined } | { userId: string; memberId?: undefined }) & { template: NotificationTemplate; data: Record<string, string>; page?: string };

/**
 * Writes notifications to the outbox in the caller's transaction: they exist if and only if the
 * change that caused them committed. dispatch-notifications.ts sends them through WeChat later.
 * `data` holds what the message shows (activity title, claim status): never an ID number or a diagnosis.
 */
export async function enqueueNotifications(options: { db: Queryable; items: Notification[] }): Promise<void> {
  if (options.items.length === 0) return;
  await options.db.query(
    `insert into notification_outbox (member_id, user_id, template, data, page)
     select v.member_id, coalesce(v.user_id, notification_user(v.member_id)), v.template, v.data, v.page
       from unnest($1::bigint[], $2::text[], $3::jsonb[], $4::text[], $5::bigint[]) as v(member_id, template, data, page, user_id)`,
    [
      options.items.map((i) => i.memberId ?? null),
      options.items.map((i) => i.template),
      options.items.map((i) => JSON.stringify(i.data)),
      options.items.map((i) => i.page ?? null),
      options.items.map((i) => i.userId ?? null),
    ],
  );
}
