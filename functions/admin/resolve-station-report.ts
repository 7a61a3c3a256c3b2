import { endpoint } from '../_lib/http.js';
import { resolveStationReport } from '../_lib/services/stations/resolve-station-report.js';
import { ZResolveStationReportRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZResolveStationReportRequest,
  async handle({ db, userId, pathId, body }) {
    return { body: await resolveStationReport({ db, userId, reportId: pathId(), note: body.note }) };
  },
});
