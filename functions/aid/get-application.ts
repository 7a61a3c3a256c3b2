import { endpoint } from '../_lib/http.js';
import { getAidApplication } from '../_lib/services/aid/get-aid-application.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    return { body: await getAidApplication({ db, userId, applicationId: pathId() }) };
  },
});
