import type { Db } from '../db/index.js';
import type { WeChatApi } from '../wechat/client.js';
import { AppError } from '../errors.js';
import { log } from '../log.js';
import { messageData, templateIdOf } from '../notification-templates.js';

const MAX_ATTEMPTS = 5;
/** Far longer than one send can take (two WeChat calls of at most 5 s each, and a token fetch). */
const LEASE_SECONDS = 120;

type Pending = { id: string; template: string; data: Record<string, unknown>; page: string | null; user_id: string | null; openid: string | null; attempts: number };

/**
 * Sends pending outbox messages through WeChat, one at a time, each at most once per claim. Each message first spends one
 * subscription grant of its member (none left: skipped, as WeChat would refuse it anyway).
 * A send that fails for a passing reason goes back to pending with its grant restored.
 */
export async function dispatchNotifications(options: { db: Db; wechat: WeChatApi | null; limit?: number; env?: Record<string, string | undefined> }) {
  const { db, wechat } = options;
  const counts = { sent: 0, skipped: 0, failed: 0, retry: 0 };
  for (let i = 0; i < (options.limit ?? 100); i++) {
    // Claiming takes a lease: the row is 'sending' (committed at once) until lease_until, so an
    // overlapping run (the minute cron while WeChat is slow) skips it instead of sending it again.
    // A lease that ran out (a dispatcher died mid-send) lets the row be claimed once more.
    // The attempts value the claim returns fences every later update of this claim.
    const { rows } = await db.query<Pending>(
      `update notification_outbox n set attempts = attempts + 1, status = 'sending', lease_until = now() + make_interval(secs => $1)
        where n.id = (select id from notification_outbox
                       where status = 'pending' or (status = 'sending' and lease_until < now())
                       order by id limit 1 for update skip locked)
       returning n.id::text, n.template, n.data, n.page, n.user_id::text, n.attempts,
                 (select openid from users u where u.id = n.user_id) as openid`,
      [LEASE_SECONDS],
    );
    const msg = rows[0];
    if (!msg) break;
    const finish = (status: 'sent' | 'skipped' | 'failed', reason: string | null) =>
      db.query(
        `update notification_outbox set status = $2, last_error = $3, lease_until = null, sent_at = case when $2 = 'sent' then now() end
          where id = $1 and status = 'sending' and attempts = $4`,
        [msg.id, status, reason, msg.attempts],
      );
    const templateId = templateIdOf(msg.template, options.env);
    if (!wechat || !templateId || !msg.openid) {
      await finish('skipped', !wechat ? 'wechat_not_configured' : !templateId ? 'template_not_configured' : 'no_openid');
      counts.skipped++;
      continue;
    }
    const grant = await db.query(`update subscription_grants set remaining = remaining - 1 where user_id = $1 and template = $2 and remaining > 0`, [msg.user_id, msg.template]);
    if (!grant.rowCount) {
      await finish('skipped', 'no_subscription');
      counts.skipped++;
      continue;
    }
    try {
      const result = await wechat.sendSubscribeMessage({ touser: msg.openid, template_id: templateId, page: msg.page ?? undefined, data: messageData(msg.template, msg.data), miniprogram_state: 'formal' });
      if (result.ok) {
        await finish('sent', null);
        counts.sent++;
      } else {
        // 43101: the member has no subscription left on WeChat's side; not worth a retry.
        await finish(result.errcode === 43101 ? 'skipped' : 'failed', `wechat_${result.errcode}`);
        counts[result.errcode === 43101 ? 'skipped' : 'failed']++;
      }
    } catch (err) {
      await db.query('update subscription_grants set remaining = remaining + 1 where user_id = $1 and template = $2', [msg.user_id, msg.template]);
      const giveUp = msg.attempts >= MAX_ATTEMPTS;
      await db.query(`update notification_outbox set status = $2, last_error = $3, lease_until = null where id = $1 and status = 'sending' and attempts = $4`, [
        msg.id,
        giveUp ? 'failed' : 'pending',
        err instanceof AppError ? err.code : 'send_error',
        msg.attempts,
      ]);
      log.warn('notification_send_failed', { outboxId: msg.id, attempts: msg.attempts });
      counts[giveUp ? 'failed' : 'retry']++;
      if (!giveUp) break; // WeChat is unreachable now; the next run tries again
    }
  }
  return counts;
}
