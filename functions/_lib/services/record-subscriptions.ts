import type { Db } from '../db/index.js';
import { pgErrorCode, userGone } from '../errors.js';
import { TEMPLATE_NAMES, templateIdOf } from '../notification-templates.js';

export type SubscriptionState = { template: string; templateId: string | null; remaining: number };

/**
 * WeChat one-time subscriptions: each "允许" the member taps allows exactly one message of that
 * template. The mini-program reports the accepted templates here; the dispatcher spends one per send.
 */
export async function recordSubscriptions(options: { db: Db; userId: string; accepted: string[] }): Promise<{ items: SubscriptionState[] }> {
  const accepted = [...new Set(options.accepted)];
  if (accepted.length) {
    try {
      await options.db.query(
        `insert into subscription_grants (user_id, template, remaining)
         select $1, t, 1 from unnest($2::text[]) t
         on conflict (user_id, template) do update set remaining = subscription_grants.remaining + 1`,
        [options.userId, accepted],
      );
    } catch (err) {
      // A valid token of a user who is gone (deleted since it was signed): 401, as loadActor answers.
      if (pgErrorCode(err) === '23503') throw userGone();
      throw err;
    }
  }
  return listSubscriptions(options);
}

export async function listSubscriptions(options: { db: Db; userId: string }): Promise<{ items: SubscriptionState[] }> {
  const { rows } = await options.db.query<{ is_user: boolean; template: string | null; remaining: number }>(
    `select exists (select 1 from users where id = $1) as is_user, g.template, g.remaining
       from (select 1) one left join subscription_grants g on g.user_id = $1`,
    [options.userId],
  );
  if (!rows[0].is_user) throw userGone();
  const remaining = new Map(rows.filter((r) => r.template !== null).map((r) => [r.template, r.remaining]));
  return { items: TEMPLATE_NAMES.map((template) => ({ template, templateId: templateIdOf(template), remaining: remaining.get(template) ?? 0 })) };
}
