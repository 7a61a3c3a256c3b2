import { endpoint } from '../_lib/http.js';
import { withdrawJoinApplication } from '../_lib/services/join/withdraw-join-application.js';

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId }) {
    return { body: await withdrawJoinApplication({ db, userId, id: pathId() }) };
  },
});
