import { endpoint } from '../_lib/http.js';
import { suspendStation } from '../_lib/services/stations/suspend-station.js';
import { getStation } from '../_lib/services/stations/get-station.js';
import { ZSuspendStationRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZSuspendStationRequest,
  async handle({ db, userId, pathId, body }) {
    await suspendStation({ db, userId, stationId: pathId(), reason: body.reason });
    return { body: await getStation({ db, stationId: pathId() }) };
  },
});
