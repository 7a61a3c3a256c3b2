import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { verifyMemberCode } from '../_lib/services/card/verify-member-code.js';
import { ZMemberCodeVerifyRequest } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZMemberCodeVerifyRequest,
  async handle({ db, userId, body }) {
    return { body: await verifyMemberCode({ db, config: getConfig(), userId, code: body.code }) };
  },
});
