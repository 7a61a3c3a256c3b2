import { timingSafeEqual } from 'node:crypto';
import { endpoint } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { dispatchNotifications } from '../_lib/services/dispatch-notifications.js';
import { pruneRateLimits } from '../_lib/services/check-rate-limit.js';
import { purgeAidChildData } from '../_lib/services/aid/purge-aid-child-data.js';
import { completeMembershipTransfers } from '../_lib/services/join/membership-transfers.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Vercel Cron calls this every minute with `Authorization: Bearer $CRON_SECRET`. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db, header }) {
    const secret = process.env.CRON_SECRET;
    const config = getConfig();
    if (secret ? !sameSecret(header('authorization') ?? '', `Bearer ${secret}`) : config.production) throw new AppError('NOT_FOUND', '接口不存在');
    await pruneRateLimits({ db });
    // aid (issue #17): a child's data go AID_CHILD_PURGE_DAYS after payment
    await purgeAidChildData({ db });
    // 会籍转移 past the old union's objection period complete here (and before any read of transfers)
    await completeMembershipTransfers({ db });
    return { body: await dispatchNotifications({ db, wechat: getWeChatApi(config.wechat), limit: 200 }) };
  },
});
