import { endpoint } from '../_lib/http.js';
import { createOrg } from '../_lib/services/create-org.js';
import { ZCreateOrgRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZCreateOrgRequest,
  async handle({ db, userId, body }) {
    return { status: 201, body: await createOrg({ db, userId, ...body }) };
  },
});
