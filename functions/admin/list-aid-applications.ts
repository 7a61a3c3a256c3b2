import { endpoint } from '../_lib/http.js';
import { listAidReviews } from '../_lib/services/aid/list-aid-reviews.js';
import { ZAidReviewQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'GET',
  query: ZAidReviewQuery,
  async handle({ db, userId, query }) {
    return { body: await listAidReviews({ db, userId, programId: query.programId, status: query.status, cursor: query.cursor || undefined, limit: query.limit }) };
  },
});
