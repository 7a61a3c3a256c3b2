import { endpoint } from '../_lib/http.js';
import { updateAdminMember } from '../_lib/services/office/update-admin-member.js';
import { ZAdminMemberPatch } from '../../shared/schemas.js';

export default endpoint({
  method: 'PATCH',
  body: ZAdminMemberPatch,
  async handle({ db, userId, body, pathId }) {
    return { body: await updateAdminMember({ db, userId, memberId: pathId(), groups: body.groups, householdNo: body.householdNo }) };
  },
});
