import { endpoint } from '../_lib/http.js';
import { checkAidEligibility } from '../_lib/services/aid/check-aid-eligibility.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await checkAidEligibility({ db, userId, programId: pathId() }) };
  },
});
