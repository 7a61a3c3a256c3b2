import { endpoint } from '../_lib/http.js';
import { updateMemberGroups } from '../_lib/services/office/update-member-groups.js';
import { ZMemberGroupsPatch } from '../../shared/schemas.js';

export default endpoint({
  method: 'PATCH',
  body: ZMemberGroupsPatch,
  async handle({ db, userId, body, pathId }) {
    return { body: await updateMemberGroups({ db, userId, memberId: pathId(), groups: body.groups }) };
  },
});
