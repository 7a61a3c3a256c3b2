import { endpoint } from '../_lib/http.js';
import { recordSubscriptions } from '../_lib/services/record-subscriptions.js';
import { ZRecordSubscriptionsRequest } from '../../shared/schemas.js';

/** The templates the member just accepted in wx.requestSubscribeMessage: one grant each. */
export default endpoint({
  method: 'POST',
  body: ZRecordSubscriptionsRequest,
  async handle({ db, userId, body }) {
    return { body: await recordSubscriptions({ db, userId, accepted: body.accepted }) };
  },
});
