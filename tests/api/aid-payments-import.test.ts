// Aid payment results as the office's spreadsheet (issue #17): 申请编号 and 发放日期, .xlsx or .csv,
// through the import machinery every other spreadsheet import uses (api.md "Spreadsheets").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../functions/_lib/exceljs.js';
import { startTestApi, iso, type TestApi } from '../support/api.js';
import { XLSX, xlsxOf } from '../support/xlsx.js';
import { ZAidApplication, ZAidApplicationList, ZAidProgram, ZImportResult } from '../../shared/schemas.js';

let api: TestApi;
let admin: { userId: string; token: string };
let city: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.admin();
  city = await api.org({ name: `郑州市总工会${process.pid}` });
});
afterAll(async () => {
  await api.close();
});

const XLSX_PATH = '/api/admin/aid-applications/payments/import.xlsx';
const CSV_PATH = '/api/admin/aid-applications/payments/import.csv';
const upload = (path: string, token: string, file: Buffer | string, type: string) => api.post(path, { token, rawBody: file, headers: { 'content-type': type } });

/** A programme without documents, so that applying takes one request. */
async function program() {
  const res = await api.post('/api/admin/aid-programs', {
    token: admin.token,
    body: {
      kind: 'hardship', title: '2026年困难职工帮扶', opensAt: iso(-24), closesAt: iso(24 * 30), eligibility: '困难职工',
      amountsFen: [{ level: '一档', amountFen: 200_000 }], requiredDocuments: [], publicityDays: 5,
    },
  });
  expect(res.status).toBe(201);
  return ZAidProgram.parse(res.body);
}

/** An application of a member of a new grassroots union, approved at both levels. */
async function approved(programId: string) {
  const orgId = await api.org({ parentId: city });
  const applicant = await api.memberUser({ orgId, name: '李娜' });
  const cadre = await api.cadre(orgId);
  const created = await api.post(`/api/aid-programs/${programId}/applications`, { token: applicant.token, body: { level: '一档', documents: [] } });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  for (const token of [cadre.token, admin.token]) expect((await api.post(`/api/admin/aid-applications/${id}/review`, { token, body: { decision: 'approve' } })).status).toBe(200);
  return { id, applicant, cadre };
}

/** `days` from today (UTC calendar) as an Excel date cell, and the same day as Beijing midnight. */
function dayAhead(days: number) {
  const now = new Date();
  const cell = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days));
  const date = cell.toISOString().slice(0, 10);
  return { cell, date, beijingMidnight: new Date(`${date}T00:00:00+08:00`).toISOString() };
}

const statusOf = async (id: string) => (await api.db.query<{ status: string }>('select status from aid_applications where id = $1', [id])).rows[0].status;

describe('aid payment results from a spreadsheet', () => {
  it('lands an .xlsx with Excel date cells under Chinese headers: the member sees 已发放 with that day as the payment date', async () => {
    const p = await program();
    const a = await approved(p.id);
    const b = await approved(p.id);
    expect((await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token })).status).toBe(200);
    const day = dayAhead(3);
    // the id as Excel keeps a typed number; the second date typed as text
    const file = await xlsxOf([['申请编号', '发放日期'], [Number(a.id), day.cell], [b.id, day.date.replace(/-/g, '/')]]);
    const res = await upload(XLSX_PATH, admin.token, file, XLSX);
    expect(res.status).toBe(200);
    expect(ZImportResult.parse(res.body)).toMatchObject({ updated: 2, unchanged: 0, rejected: [], landed: [{ index: 0, id: a.id }, { index: 1, id: b.id }] });
    for (const x of [a, b]) {
      const mine = ZAidApplicationList.parse((await api.get('/api/me/aid-applications', { token: x.applicant.token })).body);
      expect(mine.items[0]).toMatchObject({ id: x.id, status: 'paid' });
      expect(new Date(mine.items[0].paidAt as string).toISOString()).toBe(day.beijingMidnight);
      expect(await api.count('notification_outbox', `template = 'aid_status_changed' and member_id = $1 and data->>'statusLabel' = '已发放'`, [x.applicant.memberId])).toBe(1);
    }
    // the same file again changes nothing
    expect(ZImportResult.parse((await upload(XLSX_PATH, admin.token, file, XLSX)).body)).toMatchObject({ updated: 0, unchanged: 2, rejected: [] });
    expect(await api.count('aid_application_events', `application_id = any($1::bigint[]) and status = 'paid'`, [[a.id, b.id]])).toBe(2);
  });

  it('lands a UTF-8 .csv saved with a BOM and CRLF line ends', async () => {
    const p = await program();
    const a = await approved(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    const day = dayAhead(2);
    const res = await upload(CSV_PATH, admin.token, Buffer.from(`\uFEFF申请编号,发放日期\r\n${a.id},${day.date}\r\n`, 'utf8'), 'text/csv');
    expect(res.status).toBe(200);
    expect(ZImportResult.parse(res.body)).toMatchObject({ updated: 1, rejected: [], landed: [{ index: 0, id: a.id }] });
    const seen = ZAidApplication.parse((await api.get(`/api/aid-applications/${a.id}`, { token: a.applicant.token })).body);
    expect(seen.status).toBe('paid');
    expect(new Date(seen.paidAt as string).toISOString()).toBe(day.beijingMidnight);
  });

  it('rejects bad rows alone with their row numbers and columns, writing nothing for them', async () => {
    const p = await program();
    const good = await approved(p.id);
    const notPublicized = await approved(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    const late = await approved(p.id); // approved after the notice started: not publicized
    const day = dayAhead(1);
    const file = await xlsxOf([
      ['申请编号', '发放日期'],
      [good.id, day.cell], // row 2
      ['999999999', day.cell], // row 3: no such application
      [late.id, day.cell], // row 4: not publicized
      [good.id, day.cell], // row 5: repeated in the file
      [notPublicized.id, '下周一'], // row 6: not a date
      [notPublicized.id, '2000-01-01'], // row 7: before the notice
    ]);
    const res = await upload(XLSX_PATH, admin.token, file, XLSX);
    expect(res.status).toBe(200);
    const result = ZImportResult.parse(res.body);
    expect(result).toMatchObject({ updated: 1, landed: [{ index: 0, id: good.id }] });
    expect(result.rejected.map((r) => [r.index, r.row, r.code, r.column])).toEqual([
      [1, 3, 'NOT_FOUND', '申请编号'],
      [2, 4, 'INVALID_TRANSITION', '申请编号'],
      [3, 5, 'VALIDATION_FAILED', '申请编号'],
      [4, 6, 'VALIDATION_FAILED', '发放日期'],
      [5, 7, 'VALIDATION_FAILED', '发放日期'],
    ]);
    for (const r of result.rejected) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await statusOf(late.id)).toBe('approved');
    expect(await statusOf(notPublicized.id)).toBe('publicized');
    expect(await api.count('aid_application_events', `application_id = any($1::bigint[]) and status = 'paid'`, [[late.id, notPublicized.id]])).toBe(0);
    expect(await api.count('notification_outbox', `template = 'aid_status_changed' and member_id = $1 and data->>'statusLabel' = '已发放'`, [notPublicized.applicant.memberId])).toBe(0);
  });

  it('refuses a file without the 发放日期 column whole, changing nothing', async () => {
    const p = await program();
    const a = await approved(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    const res = await upload(XLSX_PATH, admin.token, await xlsxOf([['申请编号', '备注'], [a.id, '已打卡']]), XLSX);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/发放日期/) });
    expect(await statusOf(a.id)).toBe('publicized');
  });

  it('refuses cadres (their own union’s and another’s) and members before reading the file, and answers 415 for another content type', async () => {
    const p = await program();
    const a = await approved(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    const other = await api.cadre(await api.org({ parentId: city }));
    const file = await xlsxOf([['申请编号', '发放日期'], [a.id, dayAhead(1).cell]]);
    const garbage = Buffer.from('this is not a spreadsheet');
    for (const token of [other.token, a.cadre.token, a.applicant.token]) {
      expect((await upload(XLSX_PATH, token, file, XLSX)).status).toBe(403);
      expect((await upload(XLSX_PATH, token, garbage, 'application/pdf')).status).toBe(403);
      expect((await upload(CSV_PATH, token, `申请编号,发放日期\n${a.id},2099-01-01\n`, 'text/csv')).status).toBe(403);
    }
    expect(await statusOf(a.id)).toBe('publicized');
    for (const [path, type] of [[XLSX_PATH, 'text/csv'], [CSV_PATH, XLSX], [XLSX_PATH, 'application/vnd.ms-excel'], [CSV_PATH, 'application/json']]) {
      const res = await upload(path, admin.token, garbage, type);
      expect(res.status, `${path} ${type}`).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
  });

  it('offers an .xlsx template with the 申请编号 and 发放日期 headers', async () => {
    const res = await fetch(`${api.base}/api/admin/import-templates/aidPayments`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets[0].getRow(1).values).toEqual([undefined, '申请编号', '发放日期']);
  });
});
