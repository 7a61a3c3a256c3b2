import { endpoint } from '../_lib/http.js';
import { listAdminOrgs } from '../_lib/services/office/list-admin-orgs.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await listAdminOrgs({ db, userId }) };
  },
});
