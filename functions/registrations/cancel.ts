import { endpoint } from '../_lib/http.js';
import { cancelRegistration } from '../_lib/services/cancel-registration.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    return { body: (await cancelRegistration({ db, userId, registrationId: pathId() })).registration };
  },
});
