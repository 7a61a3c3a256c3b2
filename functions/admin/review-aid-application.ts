import { endpoint } from '../_lib/http.js';
import { reviewAidApplication } from '../_lib/services/aid/review-aid-application.js';
import { ZAidReviewRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZAidReviewRequest,
  async handle({ db, userId, pathId, body }) {
    return { body: await reviewAidApplication({ db, userId, applicationId: pathId(), review: body }) };
  },
});
