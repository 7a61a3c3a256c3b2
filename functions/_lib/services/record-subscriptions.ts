import type { Db } from '../db/index.js';
import { pgErrorCode, userGone } from '../errors.js';
import { TEMPLATE_NAMES, templateIdOf } from '../notification-templates.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';

export type SubscriptionState = { template: string; templateId: string | null; remaining: number; refusedAt: string | null };

/**
 * WeChat one-time subscriptions: each "允许" the member taps allows exactly one message of that
 * template. The mini-program reports the accepted templates here; the dispatcher spends one per send.
 */
export async function recordSubscriptions(options: { db: Db; userId: string; accepted: string[]; rejected?: string[] }): Promise<{ items: SubscriptionState[] }> {
  const accepted = [...new Set(options.accepted)];
  // A template both accepted and refused in one answer cannot happen in WeChat; accepting wins.
  const rejected = [...new Set(options.rejected ?? [])].filter((t) => !accepted.includes(t));
  if (accepted.length || rejected.length) {
    try {
      // One statement: grants added and refusals remembered together. An accept clears an earlier
      // refusal; a refusal keeps the grants still unspent (WeChat lets them be used).
      await options.db.query(
        `insert into subscription_grants (user_id, template, remaining, refused_at)
         select $1::bigint, t, 1, null::timestamptz from unnest($2::text[]) t
         union all
         select $1::bigint, t, 0, now() from unnest($3::text[]) t
         on conflict (user_id, template) do update
           set remaining = subscription_grants.remaining + excluded.remaining,
               refused_at = excluded.refused_at`,
        [options.userId, accepted, rejected],
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
  const { rows } = await options.db.query<{ is_user: boolean; template: string | null; remaining: number; refused_at: Date | null }>(
    `select exists (select 1 from users where id = $1) as is_user, g.template, g.remaining, g.refused_at
       from (select 1) one left join subscription_grants g on g.user_id = $1`,
    [options.userId],
  );
  if (!rows[0].is_user) throw userGone();
  const grants = new Map(rows.filter((r) => r.template !== null).map((r) => [r.template, r]));
  return {
    items: TEMPLATE_NAMES.map((template) => {
      const g = grants.get(template);
      return { template, templateId: templateIdOf(template), remaining: g?.remaining ?? 0, refusedAt: g?.refused_at ? toShanghaiIso(g.refused_at) : null };
    }),
  };
}
