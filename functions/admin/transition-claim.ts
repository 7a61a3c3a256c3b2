import { endpoint } from '../_lib/http.js';
import { transitionClaim } from '../_lib/services/claims/transition-claim.js';
import { ZClaimTransitionRequest } from '../../shared/contract-claims.js';

export default endpoint({
  method: 'POST',
  body: ZClaimTransitionRequest,
  async handle({ db, userId, body, pathId }) {
    return { body: await transitionClaim({ db, userId, claimId: pathId(), request: body }) };
  },
});
