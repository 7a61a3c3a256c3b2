import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { bindMember } from '../_lib/services/bind-member.js';
import { checkRateLimit, LIMITS } from '../_lib/services/check-rate-limit.js';
import { ZBindRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZBindRequest,
  async handle({ db, userId, body }) {
    // Binding tries name + ID number pairs: a low limit stops anyone guessing through the roster.
    await checkRateLimit({ db, bucket: `bind:${userId}`, limit: LIMITS.bindPerUser, message: '实名绑定尝试次数过多，请一分钟后再试' });
    const config = getConfig();
    return { body: await bindMember({ db, userId, name: body.name, idNumber: body.idNumber, phoneCode: body.phoneCode, config, wechat: getWeChatApi(config.wechat) }) };
  },
});
