import { endpoint } from '../_lib/http.js';
import { drawLottery } from '../_lib/services/lottery/draw-lottery.js';

/** POST /api/activities/:id/draw: a cadre of the activity's union (or an admin) draws a closed lottery. */
export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    return { body: await drawLottery({ db, userId, activityId: pathId() }) };
  },
});
