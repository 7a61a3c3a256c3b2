import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { importMembers } from '../_lib/services/imports/import-members.js';
import { ZMemberImportEnvelope } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZMemberImportEnvelope,
  maxBodyBytes: 4 * 1024 * 1024,
  async handle({ db, userId, body }) {
    return { body: await importMembers({ db, userId, orgId: body.orgId, rows: body.members, idHashKey: getConfig().idHashKey }) };
  },
});
