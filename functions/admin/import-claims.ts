import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { authorizeClaimsImport, importClaims } from '../_lib/services/imports/import-claims.js';
import { ZRowsEnvelope } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  body: ZRowsEnvelope,
  maxBodyBytes: 4 * 1024 * 1024,
  // The role is checked before 4 MB of rows are parsed.
  authorize: async ({ db, userId }) => void (await authorizeClaimsImport({ db, userId })),
  async handle({ db, userId, body }) {
    return { body: await importClaims({ db, userId, rows: body.rows, idHashKey: getConfig().idHashKey }) };
  },
});
