import { endpoint } from '../_lib/http.js';
import { readClaimAsOfficer } from '../_lib/services/read-claim-as-officer.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await readClaimAsOfficer({ db, userId, claimId: pathId() }) };
  },
});
