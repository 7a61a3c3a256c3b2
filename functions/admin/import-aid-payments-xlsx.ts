import { endpoint } from '../_lib/http.js';
import { authorizeAidPaymentImport, importAidPayments } from '../_lib/services/aid/import-aid-payments.js';
import { importSpreadsheet, MAX_CLAIMS_ROWS, MAX_FILE_BYTES, XLSX_TYPE } from '../_lib/services/imports/import-spreadsheet.js';

// v1.1 spreadsheets (api.md "Spreadsheets"): the office's 发放结果 file itself, 申请编号 and 发放日期.
export default endpoint({
  method: 'POST',
  raw: { types: [XLSX_TYPE], maxBytes: MAX_FILE_BYTES },
  authorize: async ({ db, userId }) => authorizeAidPaymentImport({ db, userId }),
  async handle({ db, userId, raw, rawType }) {
    const run = (rows: unknown[]) => importAidPayments({ db, userId, rows });
    return { body: await importSpreadsheet({ kind: 'aidPayments', file: raw as Buffer, type: rawType as string, maxRows: MAX_CLAIMS_ROWS, run }) };
  },
});
