import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { authorizeClaimsImport } from '../_lib/services/imports/import-claims.js';
import { importCoverage } from '../_lib/services/imports/import-coverage.js';
import { importSpreadsheet, MAX_CLAIMS_ROWS, MAX_FILE_BYTES, XLSX_TYPE } from '../_lib/services/imports/import-spreadsheet.js';

export default endpoint({
  method: 'POST',
  raw: { types: [XLSX_TYPE], maxBytes: MAX_FILE_BYTES },
  authorize: async ({ db, userId }) => void (await authorizeClaimsImport({ db, userId })),
  async handle({ db, userId, raw, rawType }) {
    const run = (rows: unknown[]) => importCoverage({ db, userId, rows, idHashKey: getConfig().idHashKey });
    return { body: await importSpreadsheet({ kind: 'coverage', file: raw as Buffer, type: rawType as string, maxRows: MAX_CLAIMS_ROWS, run }) };
  },
});
