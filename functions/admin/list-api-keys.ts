import { endpoint } from '../_lib/http.js';
import { listApiKeys } from '../_lib/services/keys/list-api-keys.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await listApiKeys({ db, userId }) };
  },
});
