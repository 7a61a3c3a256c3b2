// Binding proves the person (issue #13 finding 2, api.md "Identity, hardened"): the phone WeChat
// vouches for must equal the roster phone; roles act only for phone-verified bindings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newPhone, type TestApi } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { loadConfig, resetConfig } from '../../functions/_lib/config.js';
import { setWeChatApi } from '../../functions/_lib/wechat/client.js';
import { ZBindResponse, ZMeResponse } from '../../shared/schemas.js';
import { hashPhone, normalizePhone } from '../../functions/_lib/id-hash.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  resetConfig();
  await api.close();
});

const bind = (token: string, m: { name: string; idNumber: string }, phoneCode?: string) =>
  api.post('/api/me/bind', { token, body: { name: m.name, idNumber: m.idNumber, ...(phoneCode === undefined ? {} : { phoneCode }) } });

describe('binding with the roster phone (dev login: dev-phone:<11 digits>)', () => {
  it('binds as phone-verified when the number equals the roster phone', async () => {
    const m = await api.member({ name: '孙手机' });
    const { token, userId } = await api.user();
    const res = await bind(token, m, `dev-phone:${m.phone}`);
    expect(res.status).toBe(200);
    expect(ZBindResponse.parse(res.body)).toEqual({ member: expect.objectContaining({ id: m.memberId }), verification: 'phone' });
    const me = ZMeResponse.parse((await api.get('/api/me', { token })).body);
    expect(me.verification).toBe('phone');
    expect(await api.count('audit_log', `action = 'member.bind' and actor_user_id = $1 and detail->>'verification' = 'phone'`, [userId])).toBe(1);
  });

  it('answers 409 PHONE_MISMATCH for another number and binds nothing', async () => {
    const m = await api.member({ name: '孙不符' });
    const { token, userId } = await api.user();
    const res = await bind(token, m, `dev-phone:${newPhone()}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PHONE_MISMATCH');
    expect(res.body.error.message).toMatch(/手机号/);
    expect(await api.count('users', 'member_id = $1', [m.memberId])).toBe(0);
    expect(await api.count('audit_log', `actor_user_id = $1`, [userId])).toBe(0);
  });

  it('answers 409 PHONE_MISMATCH when the roster has no phone for the member', async () => {
    const m = await api.member({ name: '孙无号', phone: null });
    const { token } = await api.user();
    const res = await bind(token, m, `dev-phone:${newPhone()}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PHONE_MISMATCH');
  });

  it('binds id_only without a phoneCode', async () => {
    const m = await api.member({ name: '孙身份' });
    const { token } = await api.user();
    const res = await bind(token, m);
    expect(res.status).toBe(200);
    expect(res.body.verification).toBe('id_only');
    expect((await api.get('/api/me', { token })).body.verification).toBe('id_only');
  });

  it('refuses a malformed dev phone code with VALIDATION_FAILED on phoneCode', async () => {
    const m = await api.member({ name: '孙格式' });
    const { token } = await api.user();
    const res = await bind(token, m, 'dev-phone:12345');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('phoneCode');
    expect(await api.count('users', 'member_id = $1', [m.memberId])).toBe(0);
  });

  it('hashes one phone written as +86, with spaces or with dashes to the same value', () => {
    const key = 'k'.repeat(40);
    for (const written of ['+86 138 0013 8000', '86-138-0013-8000', '138-0013-8000', '13800138000']) {
      expect(normalizePhone(written)).toBe('13800138000');
      expect(hashPhone(written, key)).toBe(hashPhone('13800138000', key));
    }
    expect(hashPhone('12345', key)).toBeNull();
  });
});

describe('taking over an id_only binding', () => {
  it('releases the id_only binding of another user when the member binds with the roster phone, audits it and tells the first user', async () => {
    const m = await api.member({ name: '周被占' });
    const squatter = await api.user();
    expect((await bind(squatter.token, m)).body.verification).toBe('id_only');
    const owner = await api.user();
    const res = await bind(owner.token, m, `dev-phone:${m.phone}`);
    expect(res.status).toBe(200);
    expect(res.body.verification).toBe('phone');
    const squatterMe = ZMeResponse.parse((await api.get('/api/me', { token: squatter.token })).body);
    expect(squatterMe.member).toBeNull();
    expect(squatterMe.user.memberId).toBeNull();
    expect(squatterMe.bindingReleased).toEqual({ at: expect.stringMatching(/\+08:00$/), reason: 'taken_over_by_phone_binding' });
    expect((await api.get('/api/me', { token: owner.token })).body.user.memberId).toBe(m.memberId);
    const audit = await api.db.query<{ detail: Record<string, unknown> }>(`select detail from audit_log where action = 'member.binding_released' and subject_id = $1`, [m.memberId]);
    expect(audit.rows).toEqual([{ detail: expect.objectContaining({ releasedUserId: squatter.userId }) }]);
  });

  it('does not let an id_only binding take over anything, nor a phone binding take over a phone binding', async () => {
    const m = await api.member({ name: '周已绑' });
    const first = await api.user();
    await bind(first.token, m);
    const second = await api.user();
    expect((await bind(second.token, m)).body.error.code).toBe('ALREADY_BOUND');
    const phoneBound = await api.member({ name: '周手机' });
    await api.user({ memberId: phoneBound.memberId, verification: 'phone' });
    const third = await api.user();
    const res = await bind(third.token, phoneBound, `dev-phone:${phoneBound.phone}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ALREADY_BOUND');
  });

  it('upgrades the caller’s own id_only binding when they prove the phone', async () => {
    const orgId = await api.org();
    const m = await api.member({ orgId, name: '周升级' });
    const u = await api.user({ memberId: m.memberId, verification: 'id_only', roles: [{ role: 'cadre', orgId }] });
    expect((await api.get('/api/me', { token: u.token })).body.user.roles).toEqual([]);
    const res = await bind(u.token, m, `dev-phone:${m.phone}`);
    expect(res.body.verification).toBe('phone');
    expect((await api.get('/api/me', { token: u.token })).body.user.roles).toEqual([{ role: 'cadre', orgId }]);
  });
});

describe('roles act only for phone-verified bindings', () => {
  it('keeps a role granted to an unbound member from the stranger who binds with the name and ID number, and gives it to the member who proves the phone', async () => {
    const admin = await api.admin();
    const m = await api.member({ name: '陈经办' });
    expect((await api.post('/api/admin/roles', { token: admin.token, body: { memberId: m.memberId, role: 'claims_officer' } })).status).toBe(200);
    const stranger = await api.user();
    expect((await bind(stranger.token, m)).status).toBe(200);
    expect((await api.get('/api/me', { token: stranger.token })).body.user.roles).toEqual([]);
    expect((await api.get('/api/admin/claims/999999999', { token: stranger.token })).status).toBe(403);
    const owner = await api.user();
    expect((await bind(owner.token, m, `dev-phone:${m.phone}`)).status).toBe(200);
    expect((await api.get('/api/me', { token: owner.token })).body.user.roles).toEqual([{ role: 'claims_officer', orgId: null }]);
    expect((await api.get('/api/admin/claims/999999999', { token: owner.token })).status).toBe(404);
    expect((await api.get('/api/me', { token: stranger.token })).body.user.roles).toEqual([]);
  });

  it('refuses check-in and the managed list to a cadre bound id_only (rules decided in SQL too)', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.member({ orgId, name: '刘身份' });
    const cadre = await api.user({ memberId: m.memberId, verification: 'id_only', roles: [{ role: 'cadre', orgId }] });
    expect((await api.get(`/api/activities/${activityId}/roster`, { token: cadre.token })).status).toBe(403);
    const managed = await api.get('/api/activities?scope=managed', { token: cadre.token });
    expect(managed.body.items ?? []).toEqual([]);
    const phoneCadre = await api.cadre(orgId);
    expect((await api.get(`/api/activities/${activityId}/roster`, { token: phoneCadre.token })).status).toBe(200);
  });

  it('lets a bootstrap admin act without any binding', async () => {
    resetConfig(loadConfig({ ...process.env, BOOTSTRAP_ADMIN_OPENIDS: 'boot-admin-1' }));
    const login = await api.post('/api/auth/login', { body: { code: 'dev:boot-admin-1' } });
    resetConfig();
    expect(login.body.user.roles).toEqual([{ role: 'admin', orgId: null }]);
    const res = await api.post('/api/admin/orgs', { token: login.body.token, body: { name: `引导管理员工会${process.pid}` } });
    expect(res.status).toBe(201);
  });

  it('does not let an admin role granted to a member act for an id_only binding', async () => {
    const m = await api.member({ name: '管身份' });
    const u = await api.user({ memberId: m.memberId, verification: 'id_only', roles: [{ role: 'admin' }] });
    const res = await api.post('/api/admin/orgs', { token: u.token, body: { name: `不该建的工会${process.pid}` } });
    expect(res.status).toBe(403);
  });
});

describe('binding through WeChat getuserphonenumber', () => {
  let wx: FakeWeChat;
  beforeAll(async () => {
    wx = await startFakeWeChat({ appid: 'wx-phone-app', secret: 'wx-phone-secret' });
    resetConfig(loadConfig({ ...process.env, WECHAT_APPID: 'wx-phone-app', WECHAT_SECRET: 'wx-phone-secret', WECHAT_API_BASE: wx.base, SESSION_SECRET: 's'.repeat(40), TICKET_SIGNING_KEY: '0123456789abcdef'.repeat(4), ID_HASH_KEY: 'h'.repeat(40) }));
    setWeChatApi(null);
  });
  afterAll(async () => {
    resetConfig();
    await wx.close();
  });

  async function wechatUser(openid: string) {
    wx.codes.set(`login-${openid}`, openid);
    const res = await api.post('/api/auth/login', { body: { code: `login-${openid}` } });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }
  /** A roster member under the WeChat configuration's hash key. */
  async function rosterEntry(name: string) {
    const m = await api.member({ name });
    const { hashIdNumber } = await import('../../functions/_lib/id-hash.js');
    const key = 'h'.repeat(40);
    await api.db.query('update members set id_hash = $2, phone_hash = $3 where id = $1', [m.memberId, hashIdNumber(m.idNumber, key), hashPhone(m.phone as string, key)]);
    return m;
  }

  it('exchanges the button code with WeChat and binds phone-verified', async () => {
    const m = await rosterEntry('微信绑');
    const token = await wechatUser('oWx_phone_1');
    wx.phoneCodes.set('phone-code-1', m.phone as string);
    const res = await bind(token, m, 'phone-code-1');
    expect(res.status).toBe(200);
    expect(res.body.verification).toBe('phone');
    expect(wx.requests).toContain('/wxa/business/getuserphonenumber');
  });

  it('answers PHONE_MISMATCH when WeChat vouches for another number', async () => {
    const m = await rosterEntry('微信错');
    const token = await wechatUser('oWx_phone_2');
    wx.phoneCodes.set('phone-code-2', newPhone());
    const res = await bind(token, m, 'phone-code-2');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('PHONE_MISMATCH');
    expect(await api.count('users', 'member_id = $1', [m.memberId])).toBe(0);
  });

  it('answers VALIDATION_FAILED on phoneCode for an invalid or reused code (errcode 40029), and refuses dev phone codes', async () => {
    const m = await rosterEntry('微信旧');
    const token = await wechatUser('oWx_phone_3');
    const unknown = await bind(token, m, 'never-issued');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('phoneCode');
    const dev = await bind(token, m, `dev-phone:${m.phone}`);
    expect(dev.status).toBe(400);
    expect(await api.count('users', 'member_id = $1', [m.memberId])).toBe(0);
  });
});
