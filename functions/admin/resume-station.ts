import { endpoint } from '../_lib/http.js';
import { suspendStation } from '../_lib/services/stations/suspend-station.js';
import { getStation } from '../_lib/services/stations/get-station.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    await suspendStation({ db, userId, stationId: pathId(), reason: null });
    return { body: await getStation({ db, stationId: pathId() }) };
  },
});
