import { endpoint } from '../_lib/http.js';
import { cancelActivity } from '../_lib/services/cancel-activity.js';
import { ZCancelActivityRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCancelActivityRequest,
  async handle({ db, userId, body, pathId }) {
    return { body: await cancelActivity({ db, userId, activityId: pathId(), reason: body.reason }) };
  },
});
