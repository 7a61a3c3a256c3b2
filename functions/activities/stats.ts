import { endpoint } from '../_lib/http.js';
import { getActivityStats } from '../_lib/services/office/get-activity-stats.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await getActivityStats({ db, userId, activityId: pathId() }) };
  },
});
