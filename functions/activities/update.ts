import { endpoint } from '../_lib/http.js';
import { updateActivity } from '../_lib/services/update-activity.js';
import { ZActivityPatch } from '../../shared/schemas.js';

export default endpoint({
  method: 'PATCH',
  body: ZActivityPatch,
  async handle({ db, userId, body, pathId }) {
    return { body: await updateActivity({ db, userId, activityId: pathId(), patch: body }) };
  },
});
