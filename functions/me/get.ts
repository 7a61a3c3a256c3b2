import { endpoint } from '../_lib/http.js';
import { getMe } from '../_lib/services/get-me.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await getMe({ db, userId }) };
  },
});
