import { endpoint } from '../_lib/http.js';
import { getStation } from '../_lib/services/stations/get-station.js';
import { ZStationGetQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZStationGetQuery,
  async handle({ db, query, pathId }) {
    return { body: await getStation({ db, stationId: pathId(), lat: query.lat, lng: query.lng }) };
  },
});
