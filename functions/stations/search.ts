import { endpoint } from '../_lib/http.js';
import { searchStations } from '../_lib/services/stations/search-stations.js';
import { ZStationSearchQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZStationSearchQuery,
  async handle({ db, query }) {
    return { body: await searchStations({ db, query }) };
  },
});
