import { endpoint } from '../_lib/http.js';
import { getAidPublicity } from '../_lib/services/aid/get-aid-publicity.js';

/** The public notice: no login (anyone may see who was granted aid, masked). */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db, pathId }) {
    return { body: await getAidPublicity({ db, programId: pathId() }) };
  },
});
