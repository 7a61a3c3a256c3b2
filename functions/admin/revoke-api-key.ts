import { endpoint } from '../_lib/http.js';
import { revokeApiKey } from '../_lib/services/keys/revoke-api-key.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    return { body: await revokeApiKey({ db, userId, keyId: pathId() }) };
  },
});
