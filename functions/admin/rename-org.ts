import { endpoint } from '../_lib/http.js';
import { renameOrg } from '../_lib/services/office/rename-org.js';
import { ZRenameOrgRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'PATCH',
  body: ZRenameOrgRequest,
  async handle({ db, userId, body, pathId }) {
    return { body: await renameOrg({ db, userId, orgId: pathId(), name: body.name }) };
  },
});
