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
};

export class ConfigError extends Error {}

function decodeKey(value: string): Uint8Array {
  const v = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (bytes.length !== 32) throw new ConfigError('TICKET_SIGNING_KEY 必须是32字节的 Ed25519 私钥（64位十六进制或 base64）');
  return new Uint8Array(bytes);
}

/** Reads the environment; in production, refuses to go on without the secrets. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const production = env.NODE_ENV === 'production';
  if (production) {
    const missing = ['SESSION_SECRET', 'TICKET_SIGNING_KEY'].filter((k) => !env[k]);
    if (missing.length) throw new ConfigError(`生产环境缺少必需的环境变量：${missing.join(', ')}`);
    if ((env.SESSION_SECRET as string).length < 32) throw new ConfigError('SESSION_SECRET 至少需要32个字符');
  }
  // Development keys are fixed so that tickets and sessions survive a restart of `npm start`.
  const sessionSecret = env.SESSION_SECRET || 'dev-only-session-secret-never-used-in-production';
  const ticketSecretKey = env.TICKET_SIGNING_KEY ? decodeKey(env.TICKET_SIGNING_KEY) : new Uint8Array(createHash('sha256').update('dev-only-ticket-key').digest());
  const idHashKey = env.ID_HASH_KEY || createHmac('sha256', sessionSecret).update('id-number-hash-key').digest('hex');
  const wechat = env.WECHAT_APPID && env.WECHAT_SECRET ? { appid: env.WECHAT_APPID, secret: env.WECHAT_SECRET, apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com' } : null;
  return {
    production,
    sessionSecret,
    sessionTtlSeconds: Number(env.SESSION_TTL_SECONDS || 7 * 24 * 3600),
    ticketSecretKey,
    ticketPublicKey: ticketPublicKeyFromSecret(ticketSecretKey),
    idHashKey,
    wechat,
    devLogin: !production && !wechat,
    bootstrapAdminOpenids: new Set((env.BOOTSTRAP_ADMIN_OPENIDS || '').split(',').map((s) => s.trim()).filter(Boolean)),
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
