import { createHash, createHmac } from 'node:crypto';
import { ticketPublicKeyFromSecret } from '../../shared/domain/tickets.js';

export type Config = {
  production: boolean;
  sessionSecret: string;
  sessionTtlSeconds: number;
  ticketSecretKey: Uint8Array;
  ticketPublicKey: Uint8Array;
  idHashKey: string;
  wechat: { appid: string; secret: string; apiBase: string } | null;
  devLogin: boolean;
  bootstrapAdminOpenids: Set<string>;
  /** uploads (issue #17): Vercel Blob when BLOB_READ_WRITE_TOKEN is set, else PostgreSQL bytea */
  blob: { token: string; apiBase: string; testBase: boolean } | null;
};

export class ConfigError extends Error {}

// The built-in development secrets. They are printed in this public source, so they are worth
// nothing as secrets: they serve only `npm start` with dev login, and are refused anywhere else.
export const DEV_SESSION_SECRET = 'dev-only-session-secret-never-used-in-production';
const DEV_TICKET_SEED = 'dev-only-ticket-key';
const devTicketKey = () => new Uint8Array(createHash('sha256').update(DEV_TICKET_SEED).digest());

function decodeKey(value: string): Uint8Array {
  const v = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (bytes.length !== 32) throw new ConfigError('TICKET_SIGNING_KEY 必须是32字节的 Ed25519 私钥（64位十六进制或 base64）');
  return new Uint8Array(bytes);
}

/** A key anyone could guess: all one byte value (all zeros …) or the development seed. */
function isWeakTicketKey(key: Uint8Array): boolean {
  return key.every((b) => b === key[0]) || Buffer.from(key).equals(Buffer.from(devTicketKey()));
}

/**
 * Reads the environment and fails closed. The built-in development secrets are used only while
 * dev login is on (WeChat not configured) outside production. With real WeChat login configured
 * the secrets must be set whatever NODE_ENV says; production also refuses the public development
 * values and weak ticket keys, and requires ID_HASH_KEY (never derived: rotating SESSION_SECRET
 * must not silently change every ID-number hash).
 */
/** Vercel Blob's read-write token: `vercel_blob_rw_<storeId>_<secret>` (the store id is what its SDK reads). */
export const BLOB_TOKEN_PATTERN = /^vercel_blob_rw_[A-Za-z0-9]+_[A-Za-z0-9_-]{10,}$/;
const BLOB_API_BASE = 'https://vercel.com/api/blob';

/**
 * The object store for uploads. A token that is set but malformed refuses to start (never a silent
 * fall back to PostgreSQL: uploads would land where nobody expects them). VERCEL_BLOB_API_URL
 * (the SDK's own name) points the client at a fake for tests; production refuses it.
 */
function loadBlobConfig(env: Record<string, string | undefined>, production: boolean): Config['blob'] {
  const token = env.BLOB_READ_WRITE_TOKEN;
  if (token === undefined || token === '') return null;
  if (!BLOB_TOKEN_PATTERN.test(token.trim())) throw new ConfigError('BLOB_READ_WRITE_TOKEN 格式不正确（应为 vercel_blob_rw_<store>_<secret>，请从 Vercel 的 Blob 存储页面复制）');
  const override = env.VERCEL_BLOB_API_URL;
  if (override && production) throw new ConfigError('生产环境不能设置 VERCEL_BLOB_API_URL（仅供测试连接本地模拟服务）');
  if (override && !/^https?:\/\/[^/]+/.test(override)) throw new ConfigError('VERCEL_BLOB_API_URL 必须是 http(s) 地址');
  return { token: token.trim(), apiBase: (override || BLOB_API_BASE).replace(/\/+$/, ''), testBase: Boolean(override) };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const wechat = env.WECHAT_APPID && env.WECHAT_SECRET ? { appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com' } : null;
  const devLogin = !production && !wechat;
  if (!devLogin) {
    const required = ['SESSION_SECRET', 'TICKET_SIGNING_KEY', ...(production ? ['ID_HASH_KEY'] : [])];
    const missing = required.filter((k) => !env[k]);
    const where = production ? '生产环境' : '已配置微信登录时';
    if (missing.length) throw new ConfigError(`${where}缺少必需的环境变量：${missing.join(', ')}`);
    const sessionSecret = env.SESSION_SECRET as string;
    if (sessionSecret.length < 32) throw new ConfigError('SESSION_SECRET 至少需要32个字符');
    if (sessionSecret === DEV_SESSION_SECRET) throw new ConfigError('SESSION_SECRET 不能使用源代码中公开的开发密钥');
    if (isWeakTicketKey(decodeKey(env.TICKET_SIGNING_KEY as string))) throw new ConfigError('TICKET_SIGNING_KEY 过于简单（全零或开发用种子），请用 openssl rand -hex 32 生成');
    if (env.ID_HASH_KEY !== undefined && env.ID_HASH_KEY.length < 32) throw new ConfigError('ID_HASH_KEY 至少需要32个字符');
  }
  const sessionSecret = env.SESSION_SECRET || DEV_SESSION_SECRET;
  const ticketSecretKey = env.TICKET_SIGNING_KEY ? decodeKey(env.TICKET_SIGNING_KEY) : devTicketKey();
  // Outside production ID_HASH_KEY may be left out (a local or staging copy): it is then derived
  // from the session secret as it always was, so a local database seeded before still matches.
  // Production requires it (above).
  const idHashKey = env.ID_HASH_KEY || createHmac('sha256', sessionSecret).update('id-number-hash-key').digest('hex');
  return {
    production,
    sessionSecret,
    sessionTtlSeconds: Number(env.SESSION_TTL_SECONDS || 7 * 24 * 3600),
    ticketSecretKey,
    ticketPublicKey: ticketPublicKeyFromSecret(ticketSecretKey),
    idHashKey,
    wechat,
    devLogin,
    bootstrapAdminOpenids: new Set((env.BOOTSTRAP_ADMIN_OPENIDS || '').split(',').map((s) => s.trim()).filter(Boolean)),
    blob: loadBlobConfig(env, production),
  };
}

let cached: Config | null = null;

export function getConfig(): Config {
  if (!cached) cached = loadConfig();
  return cached;
}

/** Tests switch environments (production, WeChat configured) without restarting. */
export function resetConfig(next: Config | null = null): void {
  cached = next;
}
