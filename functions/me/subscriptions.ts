import { endpoint } from '../_lib/http.js';
import { recordSubscriptions } from '../_lib/services/record-subscriptions.js';
import { ZRecordSubscriptionsRequest } from '../../shared/schemas.js';

/** The member's answer in wx.requestSubscribeMessage: one grant per accepted template; refusals remembered. */
export default endpoint({
  method: 'POST',
  body: ZRecordSubscriptionsRequest,
  async handle({ db, userId, body }) {
    return { body: await recordSubscriptions({ db, userId, accepted: body.accepted, rejected: body.rejected }) };
  },
});
