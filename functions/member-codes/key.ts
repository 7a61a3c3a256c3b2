import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { getMemberCodeKey } from '../_lib/services/card/get-member-code-key.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await getMemberCodeKey({ db, config: getConfig(), userId }) };
  },
});
