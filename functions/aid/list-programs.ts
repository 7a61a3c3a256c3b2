import { endpoint } from '../_lib/http.js';
import { listAidPrograms } from '../_lib/services/aid/list-aid-programs.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId }) {
    return { body: await listAidPrograms({ db, userId }) };
  },
});
