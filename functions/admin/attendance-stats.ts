import { endpoint } from '../_lib/http.js';
import { getAttendanceStats } from '../_lib/services/office/get-attendance-stats.js';
import { ZAttendanceQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZAttendanceQuery,
  async handle({ db, userId, query }) {
    return { body: await getAttendanceStats({ db, userId, orgId: query.orgId, month: query.month }) };
  },
});
