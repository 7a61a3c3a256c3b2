import { endpoint } from '../_lib/http.js';
import { getConfig } from '../_lib/config.js';
import { authorizeMemberImport, importMembers } from '../_lib/services/imports/import-members.js';
import { importSpreadsheet, MAX_FILE_BYTES, MAX_ROSTER_ROWS, XLSX_TYPE } from '../_lib/services/imports/import-spreadsheet.js';
import { ZRosterImportQuery } from '../../shared/schemas.js';

export default endpoint({
  method: 'POST',
  query: ZRosterImportQuery,
  raw: { types: [XLSX_TYPE], maxBytes: MAX_FILE_BYTES },
  authorize: async ({ db, userId, query }) => void (await authorizeMemberImport({ db, userId, orgId: query.orgId as string })),
  async handle({ db, userId, query, raw, rawType }) {
    const run = (rows: unknown[]) => importMembers({ db, userId, orgId: query.orgId, rows, idHashKey: getConfig().idHashKey });
    return { body: await importSpreadsheet({ kind: 'members', file: raw as Buffer, type: rawType as string, maxRows: MAX_ROSTER_ROWS, run }) };
  },
});
