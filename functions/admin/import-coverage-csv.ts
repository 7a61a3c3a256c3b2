import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { csvRecords } from '../_lib/csv.js';
import { importCoverage } from '../_lib/services/import-coverage.js';
import { ZCoverageImportRow, ZCsvImportRequest } from '../../shared/schemas.js';

// The CSV's header row names the JSON import's fields; each data line is one JSON row.
const COLUMNS = Object.keys(ZCoverageImportRow.shape);

export default endpoint({
  method: 'POST',
  body: ZCsvImportRequest,
  maxBodyBytes: 4.5 * 1024 * 1024,
  async handle({ db, userId, body }) {
    const rows = csvRecords(body.csv, { columns: COLUMNS, required: COLUMNS, numeric: ['year'], maxRows: 5000 });
    return { body: await importCoverage({ db, userId, rows, idHashKey: getConfig().idHashKey }) };
  },
});
