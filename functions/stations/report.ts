import { endpoint } from '../_lib/http.js';
import { reportStationProblem } from '../_lib/services/stations/report-station-problem.js';
import { ZStationReportRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZStationReportRequest,
  async handle({ db, userId, pathId, body }) {
    const { report, created } = await reportStationProblem({ db, userId, stationId: pathId(), input: body });
    return { status: created ? 201 : 200, body: report };
  },
});
