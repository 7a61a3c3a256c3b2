import { endpoint } from '../_lib/http.js';
import { applyForClaim } from '../_lib/services/claims/apply-for-claim.js';
import { ZClaimApplicationRequest } from '../../shared/contract-claims.js';

export default endpoint({
  method: 'POST',
  body: ZClaimApplicationRequest,
  async handle({ db, userId, body }) {
    const { claim, created } = await applyForClaim({ db, userId, request: body });
    return { status: created ? 201 : 200, body: claim };
  },
});
