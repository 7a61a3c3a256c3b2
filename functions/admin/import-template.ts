import { endpoint } from '../_lib/http.js';
import { buildImportTemplate } from '../_lib/services/imports/build-import-template.js';
import { XLSX_TYPE } from '../_lib/services/imports/import-spreadsheet.js';
import { z } from '../../shared/zod.js';
import { ZImportTemplateKind } from '../../shared/schemas.js';

const NAMES = { members: '会员名册导入模板', claims: '互助金申请导入模板', coverage: '参保记录导入模板', stations: '爱心驿站导入模板', aidPayments: '帮扶金发放结果导入模板' } as const;

export default endpoint({
  method: 'GET',
  query: z.object({ kind: ZImportTemplateKind }),
  async handle({ db, userId, query }) {
    const file = await buildImportTemplate({ db, userId, kind: query.kind });
    return {
      raw: file,
      headers: {
        'content-type': XLSX_TYPE,
        'cache-control': 'no-store',
        'content-disposition': `attachment; filename="${query.kind}-template.xlsx"; filename*=UTF-8''${encodeURIComponent(NAMES[query.kind])}.xlsx`,
      },
    };
  },
});
