import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getWeChatApi } from '../_lib/wechat/client.js';
import { getJoinCode } from '../_lib/services/join/get-join-code.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await getJoinCode({ db, userId, orgId: pathId(), wechat: getWeChatApi(getConfig().wechat) }) };
  },
});
