import { endpoint } from '../_lib/http.js';
import { CSV_CONTENT_TYPE } from '../_lib/csv-write.js';
import { getRoster, rosterCsv } from '../_lib/services/get-roster.js';
import { ZRosterQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZRosterQuery,
  async handle({ db, userId, query, pathId }) {
    const activityId = pathId();
    const { title, ...roster } = await getRoster({ db, userId, activityId, format: query.format });
    if (query.format === 'json') return { body: roster };
    const csv = rosterCsv(roster, { id: activityId, title });
    return { raw: csv.body, headers: { 'content-type': CSV_CONTENT_TYPE, 'content-disposition': csv.disposition, 'cache-control': 'no-store' } };
  },
});
