import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { syncCheckins } from '../_lib/services/sync-checkins.js';
import { ZCheckInBatchRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCheckInBatchRequest,
  // 500 scans of ~250 bytes each
  maxBodyBytes: 512 * 1024,
  async handle({ db, userId, body, pathId }) {
    return { body: await syncCheckins({ db, config: getConfig(), userId, activityId: pathId(), scans: body.scans }) };
  },
});
