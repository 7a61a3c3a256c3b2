import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { loadConfig, resetConfig } from '../../functions/_lib/config.js';
import { setWeChatApi } from '../../functions/_lib/wechat/client.js';
import { ZLoginResponse, ZMeResponse, ZOrg, ZMemberImportResult, ZUser, ZErrorBody } from '../../shared/schemas.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  resetConfig();
  await api.close();
});

describe('login', () => {
  it('logs in with a dev code outside production and answers a token and the user', async () => {
    const res = await api.post('/api/auth/login', { body: { code: 'dev:tester-1' } });
    expect(res.status).toBe(200);
    const body = ZLoginResponse.parse(res.body);
    expect(body.user).toEqual({ id: expect.any(String), roles: [], memberId: null });
    const me = await api.get('/api/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(ZMeResponse.parse(me.body)).toEqual({ user: body.user, member: null });
  });

  it('logs the same openid into the same user twice', async () => {
    const a = await api.post('/api/auth/login', { body: { code: 'dev:tester-same' } });
    const b = await api.post('/api/auth/login', { body: { code: 'dev:tester-same' } });
    expect(a.body.user.id).toBe(b.body.user.id);
  });

  it('refuses an openid with characters outside [A-Za-z0-9_-]', async () => {
    const res = await api.post('/api/auth/login', { body: { code: 'dev:bad openid!' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a missing code with VALIDATION_FAILED and Chinese details', async () => {
    const res = await api.post('/api/auth/login', { body: {} });
    expect(res.status).toBe(400);
    const body = ZErrorBody.parse(res.body);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details?.[0].path).toBe('code');
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('grants admin to openids listed in BOOTSTRAP_ADMIN_OPENIDS', async () => {
    resetConfig(loadConfig({ ...process.env, BOOTSTRAP_ADMIN_OPENIDS: 'boss-1, boss-2' }));
    const res = await api.post('/api/auth/login', { body: { code: 'dev:boss-2' } });
    resetConfig();
    expect(res.body.user.roles).toEqual([{ role: 'admin', orgId: null }]);
  });

  it('refuses dev codes in production with 401', async () => {
    resetConfig(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TICKET_SIGNING_KEY: 'ab'.repeat(32) }));
    const res = await api.post('/api/auth/login', { body: { code: 'dev:tester-1' } });
    resetConfig();
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses to configure production without SESSION_SECRET or TICKET_SIGNING_KEY', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/TICKET_SIGNING_KEY/);
  });
});

describe('login through WeChat jscode2session', () => {
  let wx: FakeWeChat;
  beforeAll(async () => {
    wx = await startFakeWeChat({ appid: 'wx-test-app', secret: 'wx-test-secret' });
    resetConfig(loadConfig({ ...process.env, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret', WECHAT_API_BASE: wx.base }));
    setWeChatApi(null);
  });
  afterAll(async () => {
    resetConfig();
    await wx.close();
  });

  it('exchanges a wx.login code for the openid', async () => {
    wx.codes.set('code-abc', 'oWx_abc123');
    const res = await api.post('/api/auth/login', { body: { code: 'code-abc' } });
    expect(res.status).toBe(200);
    const { rows } = await api.db.query('select openid from users where id = $1', [res.body.user.id]);
    expect(rows[0]).toEqual({ openid: 'oWx_abc123' });
  });

  it('answers 401 for an invalid or reused code (errcode 40029)', async () => {
    wx.codes.set('code-once', 'oWx_once');
    expect((await api.post('/api/auth/login', { body: { code: 'code-once' } })).status).toBe(200);
    const again = await api.post('/api/auth/login', { body: { code: 'code-once' } });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers 429 RATE_LIMITED when WeChat says 45011', async () => {
    wx.rateLimitedCodes.add('code-busy');
    const res = await api.post('/api/auth/login', { body: { code: 'code-busy' } });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });

  it('turns dev login off once WeChat is configured', async () => {
    const res = await api.post('/api/auth/login', { body: { code: 'dev:tester-1' } });
    expect(res.status).toBe(401);
  });
});

describe('sessions', () => {
  it('answers 401 without a token, with a garbled token and with a token whose signature was altered', async () => {
    expect((await api.get('/api/me')).status).toBe(401);
    expect((await api.get('/api/me', { token: 'garbage' })).status).toBe(401);
    const { token } = await api.user();
    const altered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect((await api.get('/api/me', { token: altered })).body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('real-name binding', () => {
  it('binds a user to the roster member whose name and ID number match', async () => {
    const m = await api.member({ name: '王小红' });
    const { token } = await api.user();
    const res = await api.post('/api/me/bind', { token, body: { name: '王小红', idNumber: m.idNumber } });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ id: m.memberId, name: '王小红', idNumberMasked: `${m.idNumber.slice(0, 3)}***********${m.idNumber.slice(-4)}` });
    expect(JSON.stringify(res.body)).not.toContain(m.idNumber);
    const me = await api.get('/api/me', { token });
    expect(me.body.user.memberId).toBe(m.memberId);
  });

  it('refuses an ID number with a wrong check digit before looking at the roster', async () => {
    const { token } = await api.user();
    const good = newIdNumber();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await api.post('/api/me/bind', { token, body: { name: '张三', idNumber: bad } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0]).toEqual({ path: 'idNumber', message: '身份证号码格式或校验位不正确' });
  });

  it('answers 404 when the name does not match the roster entry', async () => {
    const m = await api.member({ name: '李四' });
    const { token } = await api.user();
    const res = await api.post('/api/me/bind', { token, body: { name: '李五', idNumber: m.idNumber } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  it('answers 409 ALREADY_BOUND when the member is bound to another openid', async () => {
    const m = await api.member({ name: '赵六' });
    await api.user({ memberId: m.memberId });
    const { token } = await api.user();
    const res = await api.post('/api/me/bind', { token, body: { name: '赵六', idNumber: m.idNumber } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_BOUND');
  });

  it('moves roles granted before the first login to the member who binds', async () => {
    const admin = await api.admin();
    const orgId = await api.org();
    const m = await api.member({ orgId, name: '钱七' });
    const granted = await api.post('/api/admin/roles', { token: admin.token, body: { memberId: m.memberId, role: 'cadre', orgId } });
    expect(granted.status).toBe(200);
    const { token } = await api.user();
    await api.post('/api/me/bind', { token, body: { name: '钱七', idNumber: m.idNumber } });
    const me = await api.get('/api/me', { token });
    expect(me.body.user.roles).toEqual([{ role: 'cadre', orgId }]);
  });
});

describe('organisations, roster and roles', () => {
  it('lets an admin build the union tree and lists it parents first', async () => {
    const admin = await api.admin();
    const city = await api.post('/api/admin/orgs', { token: admin.token, body: { name: '测试市总工会' } });
    expect(city.status).toBe(201);
    const district = await api.post('/api/admin/orgs', { token: admin.token, body: { name: '测试区总工会', parentId: city.body.id } });
    expect(ZOrg.parse(district.body)).toEqual({ id: expect.any(String), name: '测试区总工会', parentId: city.body.id });
    const list = await api.get('/api/orgs', { token: admin.token });
    const ids = list.body.items.map((o: { id: string }) => o.id);
    expect(ids.indexOf(city.body.id)).toBeLessThan(ids.indexOf(district.body.id));
  });

  it('refuses org creation by a non-admin with 403', async () => {
    const { token } = await api.memberUser();
    const res = await api.post('/api/admin/orgs', { token, body: { name: '野工会' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
  });

  it('refuses an org under a parent that does not exist', async () => {
    const admin = await api.admin();
    const res = await api.post('/api/admin/orgs', { token: admin.token, body: { name: '孤儿工会', parentId: '999999999' } });
    expect(res.status).toBe(400);
  });

  it('imports a roster, rejecting each bad row alone while the good rows land', async () => {
    const admin = await api.admin();
    const orgId = await api.org();
    const good1 = newIdNumber();
    const good2 = newIdNumber();
    const res = await api.post('/api/admin/members/import', {
      token: admin.token,
      body: {
        orgId,
        members: [
          { name: '甲', idNumber: good1, phone: '13800000001' },
          { name: '乙', idNumber: '110105194912310021', phone: '13800000002' },
          { name: '丙', idNumber: good2, phone: '123' },
          { name: '丁', idNumber: good2, phone: '13800000004', memberNo: 'A-1' },
          { name: '戊', idNumber: good1, phone: '13800000005' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = ZMemberImportResult.parse(res.body);
    expect(body.created).toBe(2);
    expect(body.updated).toBe(0);
    expect(body.rejected.map((r) => r.index)).toEqual([1, 2, 4]);
    expect(body.rejected.every((r) => r.code === 'VALIDATION_FAILED' && /[\u4e00-\u9fa5]/.test(r.message))).toBe(true);
    expect(await api.count('members', 'org_id = $1', [orgId])).toBe(2);
  });

  it('updates by ID number on a second import and never stores the ID number in clear', async () => {
    const admin = await api.admin();
    const orgId = await api.org();
    const idNumber = newIdNumber();
    await api.post('/api/admin/members/import', { token: admin.token, body: { orgId, members: [{ name: '孙一', idNumber, phone: '13900000001' }] } });
    const again = await api.post('/api/admin/members/import', { token: admin.token, body: { orgId, members: [{ name: '孙一一', idNumber, phone: '13900000002' }] } });
    expect(again.body).toMatchObject({ created: 0, updated: 1, rejected: [] });
    const dump = await api.db.query(`select row_to_json(m)::text as j from members m where org_id = $1`, [orgId]);
    expect(dump.rows[0].j).toContain('孙一一');
    expect(dump.rows[0].j).not.toContain(idNumber);
    expect(dump.rows[0].j).not.toContain('13900000002');
  });

  it('imports a roster of 5,000 rows in one request', async () => {
    const admin = await api.admin();
    const orgId = await api.org();
    const members = Array.from({ length: 5000 }, (_, i) => ({ name: `会员${i}`, idNumber: newIdNumber(), phone: `139${String(i).padStart(8, '0')}` }));
    const res = await api.post('/api/admin/members/import', { token: admin.token, body: { orgId, members } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5000, updated: 0, rejected: [] });
    expect(await api.count('members', 'org_id = $1', [orgId])).toBe(5000);
  });

  it('refuses a roster of more than 5,000 rows', async () => {
    const admin = await api.admin();
    const orgId = await api.org();
    const members = Array.from({ length: 5001 }, () => ({ name: '甲', idNumber: '11010519491231002X', phone: '13800000001' }));
    const res = await api.post('/api/admin/members/import', { token: admin.token, body: { orgId, members } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('grants a cadre role whose org covers the subtree', async () => {
    const admin = await api.admin();
    const orgId = await api.org();
    const m = await api.memberUser({ orgId });
    const res = await api.post('/api/admin/roles', { token: admin.token, body: { memberId: m.memberId, role: 'cadre', orgId } });
    expect(res.status).toBe(200);
    expect(ZUser.parse(res.body)).toEqual({ id: m.userId, roles: [{ role: 'cadre', orgId }], memberId: m.memberId });
  });

  it('requires an org for a cadre role', async () => {
    const admin = await api.admin();
    const m = await api.member();
    const res = await api.post('/api/admin/roles', { token: admin.token, body: { memberId: m.memberId, role: 'cadre' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('orgId');
  });
});

describe('the error path', () => {
  it('answers BAD_JSON for a broken body', async () => {
    const res = await api.post('/api/auth/login', { rawBody: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_JSON');
  });

  it('answers 413 PAYLOAD_TOO_LARGE for an oversize body', async () => {
    const res = await api.post('/api/auth/login', { body: { code: 'x'.repeat(70_000) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers the contract 404 for unknown routes and wrong methods', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['DELETE', '/api/me'], ['GET', '/api/auth/login']]) {
      const res = await api.request(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('answers health with the adapter in use', async () => {
    const res = await api.get('/api/health');
    expect(res.body).toEqual({ ok: true, db: api.db.kind });
  });
});
