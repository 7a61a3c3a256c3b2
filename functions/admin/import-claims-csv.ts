import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { csvRecords } from '../_lib/csv.js';
import { importClaims } from '../_lib/services/import-claims.js';
import { ZClaimImportRow, ZCsvImportRequest } from '../../shared/schemas.js';

// The CSV's header row names the JSON import's fields; each data line is one JSON row.
const COLUMNS = Object.keys(ZClaimImportRow.shape);
// Required columns are the fields a row cannot leave out.
const REQUIRED = COLUMNS.filter((c) => !ZClaimImportRow.shape[c as keyof typeof ZClaimImportRow.shape].safeParse(undefined).success);

export default endpoint({
  method: 'POST',
  body: ZCsvImportRequest,
  maxBodyBytes: 4.5 * 1024 * 1024,
  async handle({ db, userId, body }) {
    const rows = csvRecords(body.csv, { columns: COLUMNS, required: REQUIRED, numeric: ['amountClaimedFen', 'amountApprovedFen', 'amountPaidFen'], maxRows: 5000 });
    return { body: await importClaims({ db, userId, rows, idHashKey: getConfig().idHashKey }) };
  },
});
