import { endpoint } from '../_lib/http.js';
import { readDemoFile } from '../_lib/services/office/read-demo-file.js';
import { ZDemoFileQuery } from '../../shared/schemas.js';

/** The demo's spreadsheets to import (dev login on only): 陈静's claims, the admin's roster. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  query: ZDemoFileQuery,
  async handle({ query }) {
    const file = await readDemoFile(query.name);
    return {
      raw: file.body,
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${query.name}"; filename*=UTF-8''${encodeURIComponent(file.downloadName)}`,
        'cache-control': 'no-store',
      },
    };
  },
});
