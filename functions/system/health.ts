import { endpoint } from '../_lib/http.js';

export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db }) {
    await db.query('select 1');
    return { body: { ok: true, db: db.kind } };
  },
});
