import { endpoint } from '../_lib/http.js';
import { authorizeAidPaymentImport, importAidPayments } from '../_lib/services/aid/import-aid-payments.js';
import { ZRowsEnvelope } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZRowsEnvelope,
  maxBodyBytes: 1024 * 1024,
  authorize: async ({ db, userId }) => authorizeAidPaymentImport({ db, userId }),
  async handle({ db, userId, body }) {
    return { body: await importAidPayments({ db, userId, rows: body.rows }) };
  },
});
