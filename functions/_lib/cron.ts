// The one check for the cron endpoints (functions/internal/*): Vercel Cron calls them with
// `Authorization: Bearer $CRON_SECRET`. Fails closed: a wrong or missing bearer is refused, and in
// production without CRON_SECRET every call is refused. Refused calls look like an unknown route.
import { timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.js';
import { getConfig } from './config.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Throws NOT_FOUND unless the call carries the cron secret (outside production without a secret: allowed, for local runs and tests). */
export function requireCronSecret(authorization: string | undefined, env: { secret?: string; production?: boolean } = {}): void {
  const secret = 'secret' in env ? env.secret : process.env.CRON_SECRET;
  const production = env.production ?? getConfig().production;
  const allowed = secret ? sameSecret(authorization ?? '', `Bearer ${secret}`) : !production;
  if (!allowed) throw new AppError('NOT_FOUND', '接口不存在');
}
