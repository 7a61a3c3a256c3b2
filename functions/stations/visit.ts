import { endpoint } from '../_lib/http.js';
import { recordStationVisit } from '../_lib/services/stations/record-station-visit.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    const { visit, created } = await recordStationVisit({ db, userId, stationId: pathId() });
    return { status: created ? 201 : 200, body: visit };
  },
});
