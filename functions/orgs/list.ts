import { endpoint } from '../_lib/http.js';
import { listOrgs } from '../_lib/services/list-orgs.js';

export default endpoint({
  method: 'GET',
  async handle({ db }) {
    return { body: await listOrgs({ db }) };
  },
});
