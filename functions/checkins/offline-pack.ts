import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getOfflinePack } from '../_lib/services/get-offline-pack.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await getOfflinePack({ db, config: getConfig(), userId, activityId: pathId() }) };
  },
});
