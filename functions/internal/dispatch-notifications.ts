import { endpoint } from '../_lib/http.js';
import { requireCronSecret } from '../_lib/cron.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { dispatchNotifications } from '../_lib/services/dispatch-notifications.js';
import { pruneRateLimits } from '../_lib/services/check-rate-limit.js';
import { purgeAidChildData } from '../_lib/services/aid/purge-aid-child-data.js';
import { completeMembershipTransfers } from '../_lib/services/join/membership-transfers.js';
import { notifyDrawResults } from '../_lib/services/lottery/notify-draw-results.js';
import { pruneUploadSessions } from '../_lib/services/uploads/prune-upload-sessions.js';

/** Vercel Cron calls this every minute with `Authorization: Bearer $CRON_SECRET`. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db, header }) {
    requireCronSecret(header('authorization'));
    const config = getConfig();
    await pruneRateLimits({ db });
    // resumable uploads: sessions past their 24 h go with their partial bytes
    await pruneUploadSessions({ db });
    // aid (issue #17): a child's data go AID_CHILD_PURGE_DAYS after payment
    await purgeAidChildData({ db });
    // 会籍转移 past the old union's objection period complete here (and before any read of transfers)
    await completeMembershipTransfers({ db });
    // lottery results a draw's own run did not finish writing (issue #16; at most 10 batches a call)
    await notifyDrawResults({ db, maxBatches: 10 });
    return { body: await dispatchNotifications({ db, wechat: getWeChatApi(config.wechat), limit: 200 }) };
  },
});
