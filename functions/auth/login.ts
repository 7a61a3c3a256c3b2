import { endpoint } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { logIn } from '../_lib/services/login.js';
import { checkRateLimit, LIMITS, refuseIfOverLimit } from '../_lib/services/check-rate-limit.js';
import { ZLoginRequest } from '../../shared/schemas.js';

const TOO_MANY = '登录过于频繁，请稍后再试';

export default endpoint({
  method: 'POST',
  auth: 'none',
  body: ZLoginRequest,
  async handle({ db, body, ip }) {
    // A venue's Wi-Fi or a carrier's shared address carries thousands of members: an address is
    // limited only for codes that failed (someone guessing), each openid for its own logins.
    const failures = `login-fail:${ip}`;
    await refuseIfOverLimit({ db, bucket: failures, limit: LIMITS.loginFailuresPerAddress, message: TOO_MANY });
    const config = getConfig();
    try {
      return {
        body: await logIn({
          db,
          code: body.code,
          config,
          wechat: getWeChatApi(config.wechat),
          beforeSession: (openid) => checkRateLimit({ db, bucket: `login:${openid}`, limit: LIMITS.loginPerOpenid, message: TOO_MANY }),
        }),
      };
    } catch (err) {
      if (err instanceof AppError && (err.code === 'UNAUTHENTICATED' || err.code === 'VALIDATION_FAILED')) {
        await checkRateLimit({ db, bucket: failures, limit: 2_147_483_647 });
      }
      throw err;
    }
  },
});
