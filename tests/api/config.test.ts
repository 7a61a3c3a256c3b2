// Secrets fail closed (issue #13 finding 3): the public development secrets serve only dev login,
// never a deployment with real WeChat login or NODE_ENV=production.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { DEV_SESSION_SECRET, loadConfig, resetConfig } from '../../functions/_lib/config.js';
import { signSession } from '../../functions/_lib/auth/session.js';

const hex32 = () => randomBytes(32).toString('hex');
const strong = () => ({ SESSION_SECRET: hex32(), TICKET_SIGNING_KEY: hex32(), ID_HASH_KEY: hex32() });
const wechat = { WECHAT_APPID: 'wx-app', WECHAT_SECRET: 'wx-secret' };
const devSeedKey = createHash('sha256').update('dev-only-ticket-key').digest('hex');

describe('built-in development secrets', () => {
  it('are used when dev login is on (no WeChat, not production)', () => {
    const c = loadConfig({});
    expect(c.devLogin).toBe(true);
    expect(c.sessionSecret).toBe(DEV_SESSION_SECRET);
  });

  it('are refused once WeChat login is configured, whatever NODE_ENV says', () => {
    for (const NODE_ENV of [undefined, 'development', 'test', 'staging']) {
      expect(() => loadConfig({ NODE_ENV, ...wechat })).toThrow(/SESSION_SECRET/);
      expect(() => loadConfig({ NODE_ENV, ...wechat, SESSION_SECRET: hex32() })).toThrow(/TICKET_SIGNING_KEY/);
      expect(() => loadConfig({ NODE_ENV, ...wechat, SESSION_SECRET: DEV_SESSION_SECRET, TICKET_SIGNING_KEY: hex32() })).toThrow(/开发密钥/);
      expect(() => loadConfig({ NODE_ENV, ...wechat, SESSION_SECRET: hex32(), TICKET_SIGNING_KEY: devSeedKey })).toThrow(/TICKET_SIGNING_KEY/);
      expect(loadConfig({ NODE_ENV, ...wechat, SESSION_SECRET: hex32(), TICKET_SIGNING_KEY: hex32() }).devLogin).toBe(false);
    }
  });

  it('are refused in production, which also requires ID_HASH_KEY and refuses weak ticket keys', () => {
    const prod = { NODE_ENV: 'production' };
    expect(() => loadConfig({ ...prod, ...strong(), SESSION_SECRET: DEV_SESSION_SECRET })).toThrow(/开发密钥/);
    expect(() => loadConfig({ ...prod, ...strong(), TICKET_SIGNING_KEY: '00'.repeat(32) })).toThrow(/TICKET_SIGNING_KEY/);
    expect(() => loadConfig({ ...prod, ...strong(), TICKET_SIGNING_KEY: Buffer.alloc(32).toString('base64') })).toThrow(/TICKET_SIGNING_KEY/);
    expect(() => loadConfig({ ...prod, ...strong(), TICKET_SIGNING_KEY: devSeedKey })).toThrow(/TICKET_SIGNING_KEY/);
    const { ID_HASH_KEY: _left, ...withoutIdKey } = strong();
    expect(() => loadConfig({ ...prod, ...withoutIdKey })).toThrow(/ID_HASH_KEY/);
    const env = { ...prod, ...strong() };
    const c = loadConfig(env);
    expect(c.idHashKey).toBe(env.ID_HASH_KEY);
    expect(c.devLogin).toBe(false);
  });

  it('do not make the ID-number hash depend on SESSION_SECRET in production', () => {
    const env = { NODE_ENV: 'production', ...strong() };
    expect(loadConfig(env).idHashKey).toBe(loadConfig({ ...env, SESSION_SECRET: hex32() }).idHashKey);
  });
});

describe('a session forged with the development secret', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    resetConfig();
    await api.close();
  });

  it('is refused by a server with WeChat login configured outside production', async () => {
    const admin = await api.admin();
    resetConfig(loadConfig({ ...process.env, NODE_ENV: 'development', ...wechat, SESSION_SECRET: hex32(), TICKET_SIGNING_KEY: hex32() }));
    const forged = signSession(admin.userId, DEV_SESSION_SECRET, 3600);
    const res = await api.get('/api/me', { token: forged });
    resetConfig();
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});
