// 户号 (issue #17): the household number arrives with the roster (JSON, .xlsx, .csv), and the union
// office reads and edits it on the member's page; members with the same one are one family for
// aid review (tests/api/aid.test.ts proves the refusal with a 户号 set through the import).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { XLSX, xlsxOf } from '../support/xlsx.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber } from '../../functions/_lib/id-hash.js';
import { ZAdminMember, ZErrorBody, ZMemberImportResult } from '../../shared/schemas.js';

let api: TestApi;
let admin: { userId: string; token: string };
// city ─┬─ district ── company
//       └─ other
let city: string;
let district: string;
let company: string;
let other: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.admin();
  city = await api.org({ name: `户号市总工会${process.pid}` });
  district = await api.org({ parentId: city, name: '金水区总工会' });
  company = await api.org({ parentId: district, name: '圆方集团工会' });
  other = await api.org({ parentId: city, name: '二七区总工会' });
});
afterAll(async () => {
  await api.close();
});

let phones = 0;
const phone = () => `137${String(((process.pid % 10000) * 10000 + ++phones) % 1e8).padStart(8, '0')}`;
const importJson = (token: string, orgId: string, members: unknown[]) => api.post('/api/admin/members/import', { token, body: { orgId, members } });
const upload = (path: string, token: string, file: Buffer | string, type = XLSX) => api.post(path, { token, rawBody: file, headers: { 'content-type': type } });
const householdOf = async (idNumber: string) =>
  (await api.db.query<{ household_no: string | null }>('select household_no from members where id_hash = $1', [hashIdNumber(idNumber, getConfig().idHashKey)])).rows[0]?.household_no;

describe('the roster import’s 户号', () => {
  it('arrives from the JSON import trimmed, for new and existing members alike', async () => {
    const a = newIdNumber();
    const existing = await api.member({ orgId: company });
    const res = await importJson(admin.token, company, [
      { name: '户主甲', idNumber: a, phone: phone(), householdNo: '  410105000777 ' },
      { name: existing.name, idNumber: existing.idNumber, phone: existing.phone, householdNo: '410105000777' },
    ]);
    expect(res.status, res.text).toBe(200);
    expect(ZMemberImportResult.parse(res.body)).toMatchObject({ created: 1, updated: 1, rejected: [] });
    expect(await householdOf(a)).toBe('410105000777');
    expect(await householdOf(existing.idNumber)).toBe('410105000777');
  });

  it('arrives from an .xlsx under 户号 or one of its other names, a number cell read as its digits', async () => {
    const [a, b, c] = [newIdNumber(), newIdNumber(), newIdNumber()];
    const headed = await xlsxOf([
      ['姓名', '身份证号', '手机号', '户号'],
      ['表格甲', a, phone(), 'XH-001'],
      ['表格乙', b, phone(), 410105000888],
    ]);
    const res = await upload(`/api/admin/members/import.xlsx?orgId=${company}`, admin.token, headed);
    expect(res.status, res.text).toBe(200);
    expect(ZMemberImportResult.parse(res.body)).toMatchObject({ created: 2, rejected: [] });
    expect(await householdOf(a)).toBe('XH-001');
    expect(await householdOf(b)).toBe('410105000888');

    const alias = await xlsxOf([
      ['姓名', '身份证号', '手机号', '户口簿户号'],
      ['表格丙', c, phone(), '户2026-3'],
    ]);
    expect(ZMemberImportResult.parse((await upload(`/api/admin/members/import.xlsx?orgId=${company}`, admin.token, alias)).body)).toMatchObject({ created: 1, rejected: [] });
    expect(await householdOf(c)).toBe('户2026-3');
    // Two names of the one column in one file: the file is refused whole.
    const twice = await xlsxOf([
      ['姓名', '身份证号', '手机号', '户号', '家庭户号'],
      ['表格丁', newIdNumber(), phone(), 'A', 'B'],
    ]);
    const refused = await upload(`/api/admin/members/import.xlsx?orgId=${company}`, admin.token, twice);
    expect(refused.status).toBe(400);
    expect(ZErrorBody.parse(refused.body).error.message).toMatch(/列重复：户号/);
  });

  it('arrives from a .csv under 家庭户号 or householdNo', async () => {
    const [a, b] = [newIdNumber(), newIdNumber()];
    const chinese = `\uFEFF姓名,身份证号,手机号,家庭户号\r\n表格戊,${a},${phone()}, HH-CSV-1 \r\n`;
    const res = await upload(`/api/admin/members/import.csv?orgId=${company}`, admin.token, chinese, 'text/csv; charset=utf-8');
    expect(res.status, res.text).toBe(200);
    expect(ZMemberImportResult.parse(res.body)).toMatchObject({ created: 1, rejected: [] });
    expect(await householdOf(a)).toBe('HH-CSV-1');
    const fields = `name,idNumber,phone,householdNo\r\n表格己,${b},${phone()},HH-CSV-2\r\n`;
    expect(ZMemberImportResult.parse((await upload(`/api/admin/members/import.csv?orgId=${company}`, admin.token, fields, 'text/csv')).body)).toMatchObject({ created: 1, rejected: [] });
    expect(await householdOf(b)).toBe('HH-CSV-2');
  });

  it('rejects a 户号 over 40 characters (or blank in JSON) alone, in Chinese, naming the column, writing nothing of that row', async () => {
    const [good, long, blank, existingLong] = [newIdNumber(), newIdNumber(), newIdNumber(), await api.member({ orgId: company })];
    await importJson(admin.token, company, [{ name: existingLong.name, idNumber: existingLong.idNumber, phone: existingLong.phone, householdNo: 'KEEP-1' }]);
    const res = await importJson(admin.token, company, [
      { name: '正常', idNumber: good, phone: phone(), householdNo: 'OK-1' },
      { name: '太长', idNumber: long, phone: phone(), householdNo: 'X'.repeat(41) },
      { name: '空白', idNumber: blank, phone: phone(), householdNo: '   ' },
      { name: '改名了', idNumber: existingLong.idNumber, phone: existingLong.phone, householdNo: '户'.repeat(41) },
    ]);
    expect(res.status, res.text).toBe(200);
    const body = ZMemberImportResult.parse(res.body);
    expect(body).toMatchObject({ created: 1, updated: 0 });
    expect(body.rejected).toEqual([
      { index: 1, code: 'VALIDATION_FAILED', column: 'householdNo', message: expect.stringMatching(/户号不能超过40个字/) },
      { index: 2, code: 'VALIDATION_FAILED', column: 'householdNo', message: expect.stringMatching(/户号不能为空/) },
      { index: 3, code: 'VALIDATION_FAILED', column: 'householdNo', message: expect.stringMatching(/户号不能超过40个字/) },
    ]);
    expect(await api.count('members', 'id_hash = any($1::text[])', [[long, blank].map((n) => hashIdNumber(n, getConfig().idHashKey))])).toBe(0);
    const kept = await api.db.query<{ name: string; household_no: string }>('select name, household_no from members where id = $1', [existingLong.memberId]);
    expect(kept.rows[0]).toEqual({ name: existingLong.name, household_no: 'KEEP-1' });

    // In a spreadsheet the same: the row is rejected by its file row and header.
    const sheet = await xlsxOf([
      ['姓名', '身份证号', '手机号', '户号'],
      ['表格太长', newIdNumber(), phone(), 'Y'.repeat(41)],
      ['表格小数', newIdNumber(), phone(), 12.5],
    ]);
    const fromFile = ZMemberImportResult.parse((await upload(`/api/admin/members/import.xlsx?orgId=${company}`, admin.token, sheet)).body);
    expect(fromFile).toMatchObject({ created: 0 });
    expect(fromFile.rejected).toEqual([
      { index: 0, row: 2, code: 'VALIDATION_FAILED', column: '户号', message: expect.stringMatching(/户号不能超过40个字/) },
      { index: 1, row: 3, code: 'VALIDATION_FAILED', column: '户号', message: expect.stringMatching(/文本/) },
    ]);
  });

  it('is replaced by a re-import that gives one, and kept when the row leaves it out or its cell is empty', async () => {
    const m = await api.member({ orgId: company });
    const row = { name: m.name, idNumber: m.idNumber, phone: m.phone };
    await importJson(admin.token, company, [{ ...row, householdNo: 'FIRST' }]);
    await importJson(admin.token, company, [{ ...row, householdNo: 'SECOND' }]);
    expect(await householdOf(m.idNumber)).toBe('SECOND');
    await importJson(admin.token, company, [row]);
    expect(await householdOf(m.idNumber)).toBe('SECOND');
    const emptyCell = `姓名,身份证号,手机号,户号,会员类别\r\n${m.name},${m.idNumber},${m.phone},,劳模\r\n`;
    expect(ZMemberImportResult.parse((await upload(`/api/admin/members/import.csv?orgId=${company}`, admin.token, emptyCell, 'text/csv')).body)).toMatchObject({ updated: 1, rejected: [] });
    const xlsxEmpty = await xlsxOf([['姓名', '身份证号', '手机号', '户号'], [m.name, m.idNumber, m.phone, null]]);
    expect(ZMemberImportResult.parse((await upload(`/api/admin/members/import.xlsx?orgId=${company}`, admin.token, xlsxEmpty)).body)).toMatchObject({ updated: 1, rejected: [] });
    expect(await householdOf(m.idNumber)).toBe('SECOND');
  });
});

describe('the office’s member page', () => {
  it('shows the 户号 to the office, never in the member’s own answers', async () => {
    const m = await api.memberUser({ orgId: company });
    await importJson(admin.token, company, [{ name: m.name, idNumber: m.idNumber, phone: m.phone, householdNo: 'SHOWN-1' }]);
    const cadre = await api.cadre(district);
    const detail = await api.get(`/api/admin/members/${m.memberId}`, { token: cadre.token });
    expect(ZAdminMember.parse(detail.body).householdNo).toBe('SHOWN-1');
    const list = await api.get(`/api/admin/members?orgId=${company}&q=${encodeURIComponent(m.name)}`, { token: cadre.token });
    expect(list.body.items.find((i: { id: string }) => i.id === m.memberId)?.householdNo).toBe('SHOWN-1');
    const own = await api.get('/api/me', { token: m.token });
    expect(own.status).toBe(200);
    expect(JSON.stringify(own.body)).not.toContain('SHOWN-1');
    expect((await api.get(`/api/admin/members/${m.memberId}`, { token: m.token })).status).toBe(403);
  });

  it('lets a cadre of the member’s subtree set and clear the 户号, auditing each change with its old and new value', async () => {
    const m = await api.member({ orgId: company });
    const cadre = await api.cadre(district);
    const set = await api.patch(`/api/admin/members/${m.memberId}`, { token: cadre.token, body: { householdNo: ' 410105000999 ' } });
    expect(set.status, set.text).toBe(200);
    expect(ZAdminMember.parse(set.body)).toMatchObject({ id: m.memberId, householdNo: '410105000999', groups: [] });
    const cleared = await api.patch(`/api/admin/members/${m.memberId}`, { token: cadre.token, body: { householdNo: null } });
    expect(ZAdminMember.parse(cleared.body).householdNo).toBeNull();
    const { rows } = await api.db.query<{ actor_user_id: string; detail: unknown }>(
      `select actor_user_id::text, detail from audit_log where action = 'member.household_no' and subject_type = 'member' and subject_id = $1 order by id`,
      [m.memberId],
    );
    expect(rows).toEqual([
      { actor_user_id: cadre.userId, detail: { before: null, after: '410105000999' } },
      { actor_user_id: cadre.userId, detail: { before: '410105000999', after: null } },
    ]);
    // Groups and 户号 in one edit: each audited under its own action; groups alone leave the 户号.
    const both = await api.patch(`/api/admin/members/${m.memberId}`, { token: admin.token, body: { groups: ['hardship'], householdNo: 'BOTH-1' } });
    expect(ZAdminMember.parse(both.body)).toMatchObject({ groups: ['hardship'], householdNo: 'BOTH-1' });
    const groupsOnly = await api.patch(`/api/admin/members/${m.memberId}`, { token: admin.token, body: { groups: [] } });
    expect(ZAdminMember.parse(groupsOnly.body)).toMatchObject({ groups: [], householdNo: 'BOTH-1' });
    expect(await api.count('audit_log', `action = 'member.household_no' and subject_id = $1`, [m.memberId])).toBe(3);
    expect(await api.count('audit_log', `action = 'member.groups' and subject_id = $1`, [m.memberId])).toBe(2);
  });

  it('refuses a cadre of another subtree (404, as for no member) and a claims officer (403), changing nothing and auditing nothing', async () => {
    const m = await api.member({ orgId: company });
    await importJson(admin.token, company, [{ name: m.name, idNumber: m.idNumber, phone: m.phone, householdNo: 'MINE-1' }]);
    const foreign = await api.cadre(other);
    const res = await api.patch(`/api/admin/members/${m.memberId}`, { token: foreign.token, body: { householdNo: 'THEIRS-1' } });
    expect(res.status).toBe(404);
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    expect((await api.patch(`/api/admin/members/${m.memberId}`, { token: officer.token, body: { householdNo: 'THEIRS-1' } })).status).toBe(403);
    const member = await api.memberUser({ orgId: company });
    expect((await api.patch(`/api/admin/members/${m.memberId}`, { token: member.token, body: { householdNo: 'THEIRS-1' } })).status).toBe(403);
    expect(await householdOf(m.idNumber)).toBe('MINE-1');
    expect(await api.count('audit_log', `action = 'member.household_no' and subject_id = $1`, [m.memberId])).toBe(0);
  });

  it('refuses a blank or too long 户号 and an edit that changes nothing with VALIDATION_FAILED', async () => {
    const m = await api.member({ orgId: company });
    for (const body of [{ householdNo: '  ' }, { householdNo: 'Z'.repeat(41) }, {}, { householdNo: 7 }]) {
      const res = await api.patch(`/api/admin/members/${m.memberId}`, { token: admin.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(ZErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
    expect(await householdOf(m.idNumber)).toBeNull();
  });
  it('refuses anyone changing their own or their family’s 户号, in the office and through the import, so nobody leaves a family just before reviewing it', async () => {
    const cadre = await api.cadre(district);
    const relative = await api.member({ orgId: company });
    const stranger = await api.member({ orgId: company });
    // another officer (the admin) puts the cadre and the relative in one household
    for (const m of [cadre, relative]) {
      const res = await importJson(admin.token, company, [{ name: m.name, idNumber: m.idNumber, phone: m.phone, householdNo: 'FAMILY-1' }]);
      expect(ZMemberImportResult.parse(res.body).rejected).toEqual([]);
    }
    // the office edit: their own, their relative's (both refused), a stranger's (allowed)
    for (const m of [cadre, relative]) {
      const res = await api.patch(`/api/admin/members/${m.memberId}`, { token: cadre.token, body: { householdNo: 'ELSEWHERE-1' } });
      expect(res.status).toBe(403);
      expect(ZErrorBody.parse(res.body).error.message).toBe('不能修改本人或本家庭成员的户号，请由其他工会干部修改');
    }
    expect((await api.patch(`/api/admin/members/${stranger.memberId}`, { token: cadre.token, body: { householdNo: 'STRANGER-1' } })).status).toBe(200);
    // the import: the relative's row is refused alone, naming the column; the stranger's lands
    const imported = await importJson(cadre.token, company, [
      { name: relative.name, idNumber: relative.idNumber, phone: relative.phone, householdNo: 'ELSEWHERE-2' },
      { name: stranger.name, idNumber: stranger.idNumber, phone: stranger.phone, householdNo: 'STRANGER-2' },
      // the same 户号 again is no change, and the row lands
      { name: cadre.name, idNumber: cadre.idNumber, phone: cadre.phone, householdNo: 'FAMILY-1' },
    ]);
    const result = ZMemberImportResult.parse(imported.body);
    expect(result.rejected).toEqual([{ index: 0, code: 'FORBIDDEN', message: '不能修改本人或本家庭成员的户号，请由其他工会干部修改', column: 'householdNo' }]);
    expect(result.updated).toBe(2);
    expect([await householdOf(cadre.idNumber), await householdOf(relative.idNumber), await householdOf(stranger.idNumber)]).toEqual(['FAMILY-1', 'FAMILY-1', 'STRANGER-2']);
    // another officer may still correct it, audited as any change
    expect((await api.patch(`/api/admin/members/${relative.memberId}`, { token: admin.token, body: { householdNo: 'ELSEWHERE-3' } })).status).toBe(200);
  });
});
