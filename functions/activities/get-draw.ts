import { endpoint } from '../_lib/http.js';
import { getDraw } from '../_lib/services/lottery/get-draw.js';

/** GET /api/activities/:id/draw: the public result (公示); no login. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db, pathId }) {
    return { body: await getDraw({ db, activityId: pathId() }) };
  },
});
