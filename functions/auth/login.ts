import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { logIn } from '../_lib/services/login.js';
import { ZLoginRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  auth: 'none',
  body: ZLoginRequest,
  async handle({ db, body }) {
    const config = getConfig();
    return { body: await logIn({ db, code: body.code, config, wechat: getWeChatApi(config.wechat) }) };
  },
});
