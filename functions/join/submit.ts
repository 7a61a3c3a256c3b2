import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { checkRateLimit, LIMITS } from '../_lib/services/check-rate-limit.js';
import { submitJoinApplication } from '../_lib/services/join/submit-join-application.js';
import { ZJoinApplicationRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZJoinApplicationRequest,
  async handle({ db, userId, body }) {
    // ALREADY_MEMBER says whether an ID number is on the roster: the same budget as binding's guesses.
    await checkRateLimit({ db, bucket: `bind:${userId}`, limit: LIMITS.bindPerUser, message: '提交次数过多，请一分钟后再试' });
    const config = getConfig();
    return { status: 201, body: await submitJoinApplication({ db, userId, body, config, wechat: getWeChatApi(config.wechat) }) };
  },
});
