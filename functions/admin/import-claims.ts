import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { importClaims } from '../_lib/services/import-claims.js';
import { ZRowsEnvelope } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZRowsEnvelope,
  maxBodyBytes: 4 * 1024 * 1024,
  async handle({ db, userId, body }) {
    return { body: await importClaims({ db, userId, rows: body.rows, idHashKey: getConfig().idHashKey }) };
  },
});
