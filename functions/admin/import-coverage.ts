import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { importCoverage } from '../_lib/services/import-coverage.js';
import { ZRowsEnvelope } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZRowsEnvelope,
  maxBodyBytes: 4 * 1024 * 1024,
  async handle({ db, userId, body }) {
    return { body: await importCoverage({ db, userId, rows: body.rows, idHashKey: getConfig().idHashKey }) };
  },
});
