// Roster imports by cadres stay in their subtree (issue #13, finding 1), and every roster import
// fills what v1.1 needs: the phone hash, member groups, the ids of the rows that landed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber, hashPhone } from '../../functions/_lib/id-hash.js';
import { ZMemberImportResult } from '../../shared/schemas.js';

let api: TestApi;
let admin: { userId: string; token: string };
let city: string;
let jinshui: string;
let jinshuiCompany: string;
let riders: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.admin();
  city = await api.org({ name: '郑州市总工会' });
  jinshui = await api.org({ parentId: city, name: '金水区总工会' });
  jinshuiCompany = await api.org({ parentId: jinshui, name: '金水某公司工会' });
  riders = await api.org({ parentId: city, name: '蓝骑士工会' });
});
afterAll(async () => {
  await api.close();
});

const importRoster = (token: string, orgId: string, members: unknown[]) => api.post('/api/admin/members/import', { token, body: { orgId, members } });
const memberRow = async (memberId: string) =>
  (await api.db.query<{ org_id: string; name: string; phone_masked: string; member_no: string; groups: string[]; phone_hash: string | null }>(
    'select org_id::text, name, phone_masked, member_no, groups, phone_hash from members where id = $1',
    [memberId],
  )).rows[0];

describe('a cadre importing a roster', () => {
  it('cannot move a rider of the 蓝骑士 union into 金水: the row is rejected alone and the rider is untouched', async () => {
    const rider = await api.memberUser({ orgId: riders, name: '骑手王' });
    const before = await memberRow(rider.memberId);
    const cadre = await api.cadre(jinshui);
    const newcomer = newIdNumber();
    const res = await importRoster(cadre.token, jinshui, [
      { name: '新会员', idNumber: newcomer, phone: '13700000001' },
      { name: '冒名', idNumber: rider.idNumber, phone: '13700000002', memberNo: 'JS-TAKE' },
    ]);
    expect(res.status).toBe(200);
    const body = ZMemberImportResult.parse(res.body);
    expect(body).toMatchObject({ created: 1, updated: 0 });
    expect(body.rejected).toEqual([{ index: 1, code: 'FORBIDDEN', message: expect.stringMatching(/不在您管理的工会范围内/), column: 'idNumber' }]);
    expect(body.rejected[0].message).not.toMatch(/蓝骑士|骑手/);
    expect(await memberRow(rider.memberId)).toEqual(before);
    // The rider still signs up for his own union's activity.
    const own = await api.activity({ orgId: riders, audience: 'org' });
    expect((await api.post(`/api/activities/${own}/registrations`, { token: rider.token })).status).toBe(201);
  });

  it('answers a row naming someone elsewhere exactly like a row whose member number is held elsewhere', async () => {
    const elsewhere = await api.member({ orgId: riders });
    const holder = await memberRow(elsewhere.memberId);
    const cadre = await api.cadre(jinshui);
    const res = await importRoster(cadre.token, jinshui, [
      { name: '甲', idNumber: elsewhere.idNumber, phone: '13700000003' },
      { name: '乙', idNumber: newIdNumber(), phone: '13700000004', memberNo: holder.member_no },
    ]);
    const [byId, byNo] = ZMemberImportResult.parse(res.body).rejected;
    expect([byId.code, byId.message]).toEqual([byNo.code, byNo.message]);
    expect(res.body.created).toBe(0);
  });

  it('updates members already in its subtree, moving them within it, and creates new ones there', async () => {
    const cadre = await api.cadre(jinshui);
    const staff = await api.member({ orgId: jinshuiCompany, name: '员工' });
    const fresh = newIdNumber();
    const res = await importRoster(cadre.token, jinshui, [
      { name: '员工改名', idNumber: staff.idNumber, phone: '13700000005', groups: ['frontline'] },
      { name: '新人', idNumber: fresh, phone: '13700000006', groups: ['hardship', 'model_worker'] },
    ]);
    const body = ZMemberImportResult.parse(res.body);
    expect(body).toMatchObject({ created: 1, updated: 1, rejected: [] });
    const freshId = (await api.db.query<{ id: string }>('select id::text from members where id_hash = $1', [hashIdNumber(fresh, getConfig().idHashKey)])).rows[0].id;
    expect(body.landed).toEqual([
      { index: 0, id: staff.memberId },
      { index: 1, id: freshId },
    ]);
    expect(await memberRow(staff.memberId)).toMatchObject({ org_id: jinshui, name: '员工改名', groups: ['frontline'] });
    expect(await memberRow(freshId)).toMatchObject({ org_id: jinshui, groups: ['hardship', 'model_worker'], phone_hash: hashPhone('13700000006', getConfig().idHashKey) });
  });

  it('names in the audit log every member a row touched', async () => {
    const cadre = await api.cadre(jinshui);
    const staff = await api.member({ orgId: jinshui });
    const outsider = await api.member({ orgId: riders });
    const res = await importRoster(cadre.token, jinshui, [
      { name: '甲', idNumber: staff.idNumber, phone: '13700000007' },
      { name: '乙', idNumber: newIdNumber(), phone: '13700000008' },
      { name: '丙', idNumber: outsider.idNumber, phone: '13700000009' },
    ]);
    const landed = ZMemberImportResult.parse(res.body).landed.map((l) => l.id);
    const { rows } = await api.db.query<{ detail: { memberIds: string[] } }>(
      `select detail from audit_log where action = 'members.import' and actor_user_id = $1 order by id desc limit 1`,
      [cadre.userId],
    );
    expect(rows[0].detail.memberIds.sort()).toEqual([...landed].sort());
    expect(rows[0].detail.memberIds).not.toContain(outsider.memberId);
  });

  it('is refused for a union outside its subtree before any row is read', async () => {
    const cadre = await api.cadre(jinshui);
    const res = await importRoster(cadre.token, riders, [{ name: '甲', idNumber: newIdNumber(), phone: '13700000010' }]);
    expect(res.status).toBe(403);
  });
});

describe('an admin importing a roster', () => {
  it('moves a member between unions, keeps their groups when the row does not say them, and fills the phone hash', async () => {
    const m = await api.member({ orgId: riders });
    await importRoster(admin.token, riders, [{ name: '甲', idNumber: m.idNumber, phone: '13700000011', groups: ['gig_worker'] }]);
    const res = await importRoster(admin.token, jinshui, [{ name: '甲', idNumber: m.idNumber, phone: '13700000012' }]);
    expect(ZMemberImportResult.parse(res.body)).toMatchObject({ created: 0, updated: 1, landed: [{ index: 0, id: m.memberId }] });
    expect(await memberRow(m.memberId)).toMatchObject({ org_id: jinshui, groups: ['gig_worker'], phone_hash: hashPhone('13700000012', getConfig().idHashKey) });
    const cleared = await importRoster(admin.token, jinshui, [{ name: '甲', idNumber: m.idNumber, phone: '13700000012', groups: [] }]);
    expect(cleared.status).toBe(200);
    expect((await memberRow(m.memberId)).groups).toEqual([]);
  });

  it('rejects a row with an unknown group alone, naming the column', async () => {
    const res = await importRoster(admin.token, jinshui, [
      { name: '甲', idNumber: newIdNumber(), phone: '13700000013', groups: ['veteran'] },
      { name: '乙', idNumber: newIdNumber(), phone: '13700000014' },
    ]);
    expect(ZMemberImportResult.parse(res.body)).toMatchObject({ created: 1, rejected: [{ index: 0, code: 'VALIDATION_FAILED', column: 'groups' }] });
  });
});

describe('hashPhone', () => {
  it('is the HMAC-SHA256 of "phone:" and the 11 digits with the ID hash key, in hex, however the number is written', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', 'k').update('phone:13800138000').digest('hex');
    expect(hashPhone('13800138000', 'k')).toBe(expected);
    expect(hashPhone('+86 138-0013-8000', 'k')).toBe(expected);
    expect(hashPhone('12345', 'k')).toBeNull();
  });
});
