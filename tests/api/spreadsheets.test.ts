// Spreadsheet imports (api.md "Spreadsheets"): the raw `.xlsx` or `.csv` file from a WeChat chat,
// Chinese or field-name headers, Excel date cells and typed dates, yuan, the labels the app shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { XLSX, bigRosterXlsx, rowsOf, xlsxOf } from '../support/xlsx.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber, hashPhone } from '../../functions/_lib/id-hash.js';
import { ZImportResult, ZMemberImportResult } from '../../shared/schemas.js';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';

/** Distinct valid ID numbers for a large file (the shared builder repeats after ~20,000). */
function manyIdNumbers(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `420106${born}${String(i % 1000).padStart(3, '0')}`;
    return first17 + idNumberCheckChar(first17);
  });
}

let api: TestApi;
let admin: { userId: string; token: string };
let officer: { userId: string; token: string };
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.admin();
  officer = await api.user({ roles: [{ role: 'claims_officer' }] });
});
afterAll(async () => {
  await api.close();
});

const upload = (path: string, token: string, file: Buffer | string, type = XLSX) => api.post(path, { token, rawBody: file, headers: { 'content-type': type } });
const memberByIdNumber = async (idNumber: string) =>
  (await api.db.query<{ id: string; org_id: string; name: string; member_no: string; groups: string[]; phone_hash: string }>(
    'select id::text, org_id::text, name, member_no, groups, phone_hash from members where id_hash = $1',
    [hashIdNumber(idNumber, getConfig().idHashKey)],
  )).rows[0];
let claimNo = 0;
const nextClaimNo = () => `XL-${process.pid}-${++claimNo}`;

describe('roster spreadsheets', () => {
  it('imports an .xlsx with Chinese headers and 会员类别 labels, filling groups and the phone hash, answering landed ids and file rows', async () => {
    const orgId = await api.org();
    const a = newIdNumber();
    const b = newIdNumber();
    const file = await xlsxOf([
      ['姓名', '身份证号', '手机号', '会员编号', '会员类别'],
      ['张伟', a, 13812345678, 'XL-A1', '困难职工、劳模'],
      [null, null, null, null, null],
      ['李娜', b, '138 1234 5679', null, '一线职工'],
      ['王五', '110105194912310021', '13812345680', null, null],
      ['赵六', newIdNumber(), '13812345681', null, '退休'],
    ]);
    const res = await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, file);
    expect(res.status, res.text).toBe(200);
    const body = ZMemberImportResult.parse(res.body);
    expect(body).toMatchObject({ created: 2, updated: 0 });
    const ma = await memberByIdNumber(a);
    const mb = await memberByIdNumber(b);
    expect(body.landed).toEqual([
      { index: 0, id: ma.id },
      { index: 2, id: mb.id },
    ]);
    expect(ma).toMatchObject({ org_id: orgId, name: '张伟', member_no: 'XL-A1', groups: ['hardship', 'model_worker'], phone_hash: hashPhone('13812345678', getConfig().idHashKey) });
    expect(mb).toMatchObject({ groups: ['frontline'], phone_hash: hashPhone('13812345679', getConfig().idHashKey) });
    expect(body.rejected).toEqual([
      { index: 3, row: 5, code: 'VALIDATION_FAILED', column: '身份证号', message: expect.stringMatching(/身份证/) },
      { index: 4, row: 6, code: 'VALIDATION_FAILED', column: '会员类别', message: expect.stringMatching(/会员类别/) },
    ]);
    expect(res.text).not.toContain('110105194912310021');
  });

  it('reads an empty 会员类别 cell as no groups in an .xlsx as in a .csv, and a file without the column keeps them', async () => {
    const orgId = await api.org();
    const [x, c, kept] = [newIdNumber(), newIdNumber(), newIdNumber()];
    const first = await xlsxOf([
      ['姓名', '身份证号', '手机号', '会员类别'],
      ['表格甲', x, '13812340001', '劳模'],
      ['表格乙', c, '13812340002', '劳模'],
      ['表格丙', kept, '13812340003', '劳模'],
    ]);
    expect((await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, first)).status).toBe(200);
    const emptied = await xlsxOf([
      ['姓名', '身份证号', '手机号', '会员类别'],
      ['表格甲', x, '13812340001', null],
    ]);
    expect((await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, emptied)).status).toBe(200);
    const csv = `姓名,身份证号,手机号,会员类别\r\n表格乙,${c},13812340002,\r\n`;
    expect((await upload(`/api/admin/members/import.csv?orgId=${orgId}`, admin.token, csv, 'text/csv')).status).toBe(200);
    const without = await xlsxOf([
      ['姓名', '身份证号', '手机号'],
      ['表格丙', kept, '13812340003'],
    ]);
    expect((await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, without)).status).toBe(200);
    expect([(await memberByIdNumber(x)).groups, (await memberByIdNumber(c)).groups, (await memberByIdNumber(kept)).groups]).toEqual([[], [], ['model_worker']]);
  });

  it('takes the JSON field names as headers and a raw text/csv body, and refuses an ID number stored as a number', async () => {
    const orgId = await api.org();
    const idNumber = newIdNumber();
    const csv = `\uFEFFname,idNumber,phone,groups\r\n孙七,${idNumber},13912345678,新就业形态\r\n周八,${newIdNumber()},139,\r\n`;
    const res = await upload(`/api/admin/members/import.csv?orgId=${orgId}`, admin.token, csv, 'text/csv; charset=utf-8');
    expect(res.status, res.text).toBe(200);
    expect(ZMemberImportResult.parse(res.body)).toMatchObject({ created: 1, rejected: [{ index: 1, row: 3, column: 'phone' }] });
    expect((await memberByIdNumber(idNumber)).groups).toEqual(['gig_worker']);
    const numeric = await xlsxOf([['姓名', '身份证号', '手机号'], ['吴九', 410105199001011234, '13912345679']]);
    const refused = await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, numeric);
    expect(refused.body.rejected).toEqual([{ index: 0, row: 2, code: 'VALIDATION_FAILED', column: '身份证号', message: expect.stringMatching(/文本/) }]);
  });

  it('refuses the whole file for a missing or unknown column, a file that is not .xlsx, or no data, without quoting ID numbers', async () => {
    const orgId = await api.org();
    const idNumber = newIdNumber();
    const cases: [Buffer, RegExp][] = [
      [await xlsxOf([['姓名', '手机号'], ['甲', '13900000000']]), /缺少必需的列：身份证号/],
      [await xlsxOf([['姓名', '身份证号', '手机号', '住址'], ['甲', idNumber, '13900000000', '金水路']]), /无法识别的列：住址/],
      [await xlsxOf([['甲', idNumber, '13900000000']]), /表头/],
      [await xlsxOf([['姓名', '身份证号', '手机号']]), /至少需要一行/],
      [Buffer.from('姓名,身份证号\n甲,1'), /xlsx/],
      [Buffer.alloc(0), /xlsx/],
    ];
    for (const [file, message] of cases) {
      const res = await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, file);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(message) });
      expect(res.text).not.toContain(idNumber);
    }
    expect(await api.count('members', 'org_id = $1', [orgId])).toBe(0);
  });

  it('checks the caller before reading the file, and answers 415 for another content type', async () => {
    const orgId = await api.org();
    const member = await api.memberUser({ orgId });
    const otherCadre = await api.cadre(await api.org());
    const garbage = Buffer.from('this is not a spreadsheet');
    expect((await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, member.token, garbage)).status).toBe(403);
    expect((await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, otherCadre.token, garbage)).status).toBe(403);
    expect((await upload('/api/admin/claims/import.xlsx', member.token, garbage)).status).toBe(403);
    expect((await upload('/api/admin/claims/import.csv', member.token, 'not,a\ncsv"', 'text/csv')).status).toBe(403);
    expect((await upload('/api/admin/coverage/import.csv', member.token, '{"csv":', 'application/json')).status).toBe(403);
    expect((await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, member.token, garbage, 'application/pdf')).status).toBe(403);
    for (const [path, type] of [[`/api/admin/members/import.xlsx?orgId=${orgId}`, 'application/pdf'], [`/api/admin/members/import.csv?orgId=${orgId}`, XLSX], ['/api/admin/claims/import.xlsx', 'text/csv'], ['/api/admin/coverage/import.xlsx', 'application/json'], ['/api/admin/claims/import.csv', 'application/vnd.ms-excel']]) {
      const res = await upload(path, admin.token, garbage, type);
      expect(res.status, path).toBe(415);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/文件类型/) });
    }
    expect((await upload('/api/admin/members/import.xlsx', admin.token, garbage)).status).toBe(400);
  });

  it('lands a 20,000-row roster whole in one request and reports the few bad rows by their row numbers', async () => {
    const orgId = await api.org();
    const rows: (string | number | null)[][] = [['姓名', '身份证号', '手机号', '会员编号', '会员类别']];
    const bad = new Set([7, 4_321, 19_998]);
    const ids = manyIdNumbers(20_000);
    for (let i = 0; i < 20_000; i++) rows.push([`会员${i}`, bad.has(i) ? '41010519900101123' : ids[i], `137${String(i).padStart(8, '0')}`, `BIG-${process.pid}-${i}`, i % 7 === 0 ? '一线职工' : null]);
    const res = await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, await bigRosterXlsx(rows));
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    const body = ZMemberImportResult.parse(res.body);
    expect(body.rejected.map((r) => [r.index, r.row, r.column])).toEqual([...bad].map((i) => [i, i + 2, '身份证号']));
    expect(body.created).toBe(19_997);
    expect(body.landed).toHaveLength(19_997);
    expect(await api.count('members', 'org_id = $1', [orgId])).toBe(19_997);
    expect(await api.count('members', `org_id = $1 and groups = '{frontline}'`, [orgId])).toBe(Array.from({ length: 20_000 }, (_, i) => i).filter((i) => i % 7 === 0 && !bad.has(i)).length);
  }, 300_000);
});

describe('claims and coverage spreadsheets', () => {
  it('imports claims from .xlsx with the labels the app shows, yuan converted exactly to fen, and Excel or typed dates', async () => {
    const m = await api.memberUser();
    const [a, b, c] = [nextClaimNo(), nextClaimNo(), nextClaimNo()];
    const file = await xlsxOf([
      ['申请编号', '身份证号', '保障项目', '状态', '出险日期', '申请时间', '申请金额（元）', '核定金额（元）', '实付金额（元）', '支付时间', '不予给付原因', '备注', '变更时间'],
      [a, m.idNumber, '意外伤害互助保障', '已打款', new Date(Date.UTC(2026, 2, 2)), new Date(Date.UTC(2026, 2, 10, 9, 30)), 1234.56, '¥1,000.5', 1000.5, '2026/4/20 10:00', null, '已打款', '2026年4月20日 10:00'],
      [b, m.idNumber, 'critical_illness', 'under_review', '2026-03-05', '2026-03-06 08:00', '0.1', null, null, null, null, null, '2026-03-07T09:00:00+08:00'],
      [c, m.idNumber, '住院', '审核中', '2026-03-05', '2026-03-06 08:00', 12, null, null, null, null, null, '2026-03-07 09:00'],
    ]);
    const res = await upload('/api/admin/claims/import.xlsx', officer.token, file);
    expect(res.status, res.text).toBe(200);
    const body = ZImportResult.parse(res.body);
    expect(body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(body.rejected).toEqual([{ index: 2, row: 4, code: 'VALIDATION_FAILED', column: '保障项目', message: expect.any(String) }]);
    const mine = await api.get('/api/me/claims', { token: m.token });
    const byNo = Object.fromEntries(mine.body.items.map((x: { claimNo: string }) => [x.claimNo, x]));
    expect(byNo[a]).toMatchObject({
      plan: 'accident', status: 'paid', incidentDate: '2026-03-02', submittedAt: '2026-03-10T09:30:00+08:00',
      amountClaimedFen: 123_456, amountApprovedFen: 100_050, amountPaidFen: 100_050, paidAt: '2026-04-20T10:00:00+08:00',
    });
    expect(byNo[b]).toMatchObject({ plan: 'critical_illness', status: 'under_review', submittedAt: '2026-03-06T08:00:00+08:00', amountClaimedFen: 10 });
    expect(body.landed.map((l) => l.id).sort()).toEqual([byNo[a].id, byNo[b].id].sort());
    // The same file again changes nothing.
    expect(ZImportResult.parse((await upload('/api/admin/claims/import.xlsx', officer.token, file)).body)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('rejects an amount with more than two decimals alone, naming its column', async () => {
    const m = await api.member();
    const file = await xlsxOf([
      ['申请编号', '身份证号', '保障项目', '状态', '出险日期', '申请时间', '申请金额（元）', '变更时间'],
      [nextClaimNo(), m.idNumber, '意外伤害互助保障', '已提交', '2026-03-05', '2026-03-06 08:00', 12.345, '2026-03-06 08:00'],
    ]);
    const res = await upload('/api/admin/claims/import.xlsx', officer.token, file);
    expect(res.body.rejected).toEqual([{ index: 0, row: 2, code: 'VALIDATION_FAILED', column: '申请金额（元）', message: expect.stringMatching(/两位小数/) }]);
  });

  it('imports coverage from .xlsx (年度 as a number, date cells) and from a raw CSV with Chinese headers', async () => {
    const m = await api.member();
    const file = await xlsxOf([
      ['身份证号', '保障项目', '年度', '开始日期', '结束日期'],
      [m.idNumber, '在职职工互助保障', 2026, new Date(Date.UTC(2026, 0, 1)), new Date(Date.UTC(2026, 11, 31))],
    ]);
    const res = await upload('/api/admin/coverage/import.xlsx', officer.token, file);
    expect(ZImportResult.parse(res.body)).toMatchObject({ created: 1, rejected: [], landed: [{ index: 0 }] });
    const csv = `身份证号,保障项目,年度,开始日期,结束日期\n${m.idNumber},意外伤害互助保障,2026年,2026/1/1,2026/12/31\n`;
    const viaCsv = await upload('/api/admin/coverage/import.csv', officer.token, csv, 'text/csv');
    expect(ZImportResult.parse(viaCsv.body)).toMatchObject({ created: 1, rejected: [] });
    const rows = await api.db.query<{ plan: string; starts_on: string; ends_on: string }>('select plan, starts_on::text, ends_on::text from coverages where member_id = $1 order by plan', [m.memberId]);
    expect(rows.rows).toEqual([
      { plan: 'accident', starts_on: '2026-01-01', ends_on: '2026-12-31' },
      { plan: 'basic', starts_on: '2026-01-01', ends_on: '2026-12-31' },
    ]);
  });
});

describe('import templates', () => {
  it('gives each import an .xlsx with the Chinese headers and one example row, to any office role', async () => {
    const expected: Record<string, string[]> = {
      members: ['姓名', '身份证号', '手机号', '会员编号', '会员类别', '户号'],
      claims: ['申请编号', '身份证号', '保障项目', '状态', '出险日期', '申请时间', '申请金额（元）', '核定金额（元）', '实付金额（元）', '支付时间', '不予给付原因', '备注', '变更时间'],
      coverage: ['身份证号', '保障项目', '年度', '开始日期', '结束日期'],
    };
    const cadre = await api.cadre(await api.org());
    for (const [kind, headers] of Object.entries(expected)) {
      for (const token of [admin.token, officer.token, cadre.token]) {
        const res = await fetch(`${api.base}/api/admin/import-templates/${kind}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(XLSX);
        expect(res.headers.get('content-disposition')).toMatch(/attachment/);
        const rows = await rowsOf(Buffer.from(await res.arrayBuffer()));
        expect(rows[0]).toEqual(headers);
        expect(rows).toHaveLength(2);
      }
    }
    const member = await api.memberUser();
    expect((await api.get('/api/admin/import-templates/members', { token: member.token })).status).toBe(403);
    expect((await api.get('/api/admin/import-templates/payroll', { token: admin.token })).status).toBe(400);
  });

  it('reads a template filled in and sent back as it is: the example row is refused, nobody lands', async () => {
    const orgId = await api.org();
    const res = await fetch(`${api.base}/api/admin/import-templates/members`, { headers: { authorization: `Bearer ${admin.token}` } });
    const back = await upload(`/api/admin/members/import.xlsx?orgId=${orgId}`, admin.token, Buffer.from(await res.arrayBuffer()));
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ created: 0, rejected: [{ index: 0, row: 2, column: '身份证号' }] });
  });
});
