import { endpoint } from '../_lib/http.js';
import { listSubscriptions } from '../_lib/services/record-subscriptions.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await listSubscriptions({ db, userId }) };
  },
});
