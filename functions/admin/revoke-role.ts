import { endpoint } from '../_lib/http.js';
import { revokeRole } from '../_lib/services/office/revoke-role.js';
import { ZRevokeRoleRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZRevokeRoleRequest,
  async handle({ db, userId, body }) {
    return { body: await revokeRole({ db, userId, request: body }) };
  },
});
