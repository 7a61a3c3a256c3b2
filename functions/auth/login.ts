import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { logIn } from '../_lib/services/login.js';
import { checkRateLimit, LIMITS } from '../_lib/services/check-rate-limit.js';
import { ZLoginRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  auth: 'none',
  body: ZLoginRequest,
  async handle({ db, body, ip }) {
    await checkRateLimit({ db, bucket: `login:${ip}`, limit: LIMITS.loginPerIp, message: '登录过于频繁，请稍后再试' });
    const config = getConfig();
    return { body: await logIn({ db, code: body.code, config, wechat: getWeChatApi(config.wechat) }) };
  },
});
