import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { bindMember } from '../_lib/services/bind-member.js';
import { ZBindRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZBindRequest,
  async handle({ db, userId, body }) {
    return { body: await bindMember({ db, userId, name: body.name, idNumber: body.idNumber, idHashKey: getConfig().idHashKey }) };
  },
});
