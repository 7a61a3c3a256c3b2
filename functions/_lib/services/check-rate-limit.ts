import type { Queryable } from '../db/index.js';
import { AppError } from '../errors.js';

/** Counts one hit against `bucket` this minute; over `limit`, 429 RATE_LIMITED with Retry-After. */
export async function checkRateLimit(options: { db: Queryable; bucket: string; limit: number; message?: string }): Promise<void> {
  const { rows } = await options.db.query<{ allowed: boolean }>('select hit_rate_limit($1, $2) as allowed', [options.bucket, options.limit]);
  if (!rows[0].allowed) throw new AppError('RATE_LIMITED', options.message, { headers: { 'Retry-After': '60' } });
}

export const LIMITS = {
  loginPerIp: Number(process.env.RATE_LIMIT_LOGIN_PER_MINUTE ?? 60),
  bindPerUser: Number(process.env.RATE_LIMIT_BIND_PER_MINUTE ?? 10),
};

/** Old windows are worthless: the minute cron drops what is over an hour old. */
export async function pruneRateLimits(options: { db: Queryable }): Promise<void> {
  await options.db.query(`delete from rate_limits where window_start < now() - interval '1 hour'`);
}
