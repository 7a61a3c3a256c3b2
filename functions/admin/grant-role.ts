import { endpoint } from '../_lib/http.js';
import { grantRole } from '../_lib/services/grant-role.js';
import { ZGrantRoleRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZGrantRoleRequest,
  async handle({ db, userId, body }) {
    return { body: await grantRole({ db, userId, request: body }) };
  },
});
