import { endpoint } from '../_lib/http.js';
import { listStationReports } from '../_lib/services/stations/list-station-reports.js';
import { ZAdminStationReportQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZAdminStationReportQuery,
  async handle({ db, userId, query }) {
    return { body: await listStationReports({ db, userId, status: query.status, orgId: query.orgId, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
