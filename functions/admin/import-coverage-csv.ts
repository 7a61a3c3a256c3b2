import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { csvRecords } from '../_lib/csv.js';
import { authorizeClaimsImport } from '../_lib/services/imports/import-claims.js';
import { importCoverage } from '../_lib/services/imports/import-coverage.js';
import { CSV_TYPE, importSpreadsheet, MAX_CLAIMS_ROWS, MAX_FILE_BYTES } from '../_lib/services/imports/import-spreadsheet.js';
import { ZCoverageImportRow, ZCsvImportRequest } from '../../shared/schemas.js';

// The JSON body's CSV: a header row of the JSON import's field names; each data line is one JSON row.
const COLUMNS = Object.keys(ZCoverageImportRow.shape);

export default endpoint({
  method: 'POST',
  body: ZCsvImportRequest,
  maxBodyBytes: 4.5 * 1024 * 1024,
  // v1.1: the file itself as `text/csv`, headers in Chinese or field names (api.md "Spreadsheets").
  raw: { types: [CSV_TYPE], maxBytes: MAX_FILE_BYTES },
  authorize: async ({ db, userId }) => void (await authorizeClaimsImport({ db, userId })),
  async handle({ db, userId, body, raw, rawType }) {
    const run = (rows: unknown[]) => importCoverage({ db, userId, rows, idHashKey: getConfig().idHashKey });
    if (raw) return { body: await importSpreadsheet({ kind: 'coverage', file: raw, type: rawType as string, maxRows: MAX_CLAIMS_ROWS, run }) };
    return { body: await run(csvRecords(body.csv, { columns: COLUMNS, required: COLUMNS, numeric: ['year'], maxRows: 5000 })) };
  },
});
