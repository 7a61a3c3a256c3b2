import { endpoint } from '../_lib/http.js';
import { getAdminMember } from '../_lib/services/office/get-admin-member.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await getAdminMember({ db, userId, memberId: pathId() }) };
  },
});
