import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { checkIn } from '../_lib/services/check-in.js';
import { ZCheckInRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCheckInRequest,
  async handle({ db, userId, body, pathId }) {
    return { body: await checkIn({ db, config: getConfig(), userId, activityId: pathId(), ticket: body.ticket, deviceId: body.deviceId, nonce: body.nonce }) };
  },
});
