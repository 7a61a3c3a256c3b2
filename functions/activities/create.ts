import { endpoint } from '../_lib/http.js';
import { createActivity } from '../_lib/services/create-activity.js';
import { ZActivityInput } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZActivityInput,
  async handle({ db, userId, body }) {
    return { status: 201, body: await createActivity({ db, userId, input: body }) };
  },
});
