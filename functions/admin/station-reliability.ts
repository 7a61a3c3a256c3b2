import { endpoint } from '../_lib/http.js';
import { listStationReliability } from '../_lib/services/stations/list-station-reliability.js';
import { ZStationReliabilityQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZStationReliabilityQuery,
  async handle({ db, userId, query }) {
    return { body: await listStationReliability({ db, userId, orgId: query.orgId, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
