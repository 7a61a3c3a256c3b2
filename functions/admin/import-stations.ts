import { endpoint } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';
import { authorizeStationImport, authorizeStationImporter, importStations } from '../_lib/services/stations/import-stations.js';
import { CSV_TYPE, importSpreadsheet, MAX_FILE_BYTES, XLSX_TYPE } from '../_lib/services/imports/import-spreadsheet.js';
import { ZStationImportEnvelope, ZStationImportQuery } from '../../shared/schemas.js';

/** A file holds at most as many stations as a JSON import. */
const MAX_STATION_ROWS = 5000;

// JSON `{ orgId, rows }`, or the raw `.csv` / `.xlsx` file with the union as `?orgId=`.
export default endpoint({
  method: 'POST',
  query: ZStationImportQuery,
  body: ZStationImportEnvelope,
  maxBodyBytes: 4 * 1024 * 1024,
  raw: { types: [XLSX_TYPE, CSV_TYPE], maxBytes: MAX_FILE_BYTES },
  authorize: async ({ db, userId, query }) => {
    if (query.orgId) await authorizeStationImport({ db, userId, orgId: query.orgId as string });
    else await authorizeStationImporter({ db, userId });
  },
  async handle({ db, userId, query, body, raw, rawType }) {
    if (raw) {
      if (!query.orgId) throw new AppError('VALIDATION_FAILED', '请在地址中注明工会：?orgId=', { details: [{ path: 'orgId', message: '请注明工会' }] });
      const orgId = query.orgId;
      const run = (rows: unknown[]) => importStations({ db, userId, orgId, rows });
      return { body: await importSpreadsheet({ kind: 'stations', file: raw, type: rawType as string, maxRows: MAX_STATION_ROWS, run }) };
    }
    return { body: await importStations({ db, userId, orgId: body.orgId, rows: body.rows }) };
  },
});
