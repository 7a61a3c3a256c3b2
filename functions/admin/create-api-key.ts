import { endpoint } from '../_lib/http.js';
import { createApiKey } from '../_lib/services/keys/create-api-key.js';
import { ZCreateApiKeyRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCreateApiKeyRequest,
  async handle({ db, userId, body }) {
    return { status: 201, body: await createApiKey({ db, userId, input: body }) };
  },
});
