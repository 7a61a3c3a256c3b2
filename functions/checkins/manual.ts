import { endpoint } from '../_lib/http.js';
import { manualCheckIn } from '../_lib/services/checkin/manual-check-in.js';
import { ZManualCheckInRequest } from '../../shared/schemas.js';

/** 补签: check a registration in by hand; answered like a scan. */
export default endpoint({
  method: 'POST',
  body: ZManualCheckInRequest,
  async handle({ db, userId, body, pathId }) {
    return { body: await manualCheckIn({ db, userId, activityId: pathId(), registrationId: body.registrationId, deviceId: body.deviceId, nonce: body.nonce }) };
  },
});
