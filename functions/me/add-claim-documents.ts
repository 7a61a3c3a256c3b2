import { endpoint } from '../_lib/http.js';
import { addDocumentsToClaim } from '../_lib/services/claims/add-documents-to-claim.js';
import { ZClaimDocumentsRequest } from '../../shared/contract-claims.js';

export default endpoint({
  method: 'POST',
  body: ZClaimDocumentsRequest,
  async handle({ db, userId, body, pathId }) {
    return { body: await addDocumentsToClaim({ db, userId, claimId: pathId(), request: body }) };
  },
});
