import { endpoint } from '../_lib/http.js';
import { getClaim } from '../_lib/services/get-claim.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await getClaim({ db, userId, claimId: pathId() }) };
  },
});
