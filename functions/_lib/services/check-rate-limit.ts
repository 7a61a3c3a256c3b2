import { createHash } from 'node:crypto';
import type { Queryable } from '../db/index.js';
import { AppError } from '../errors.js';

/** The longest bucket name stored: a longer one (a huge header, a long openid) is kept as its hash. */
export const MAX_BUCKET_LENGTH = 100;

/** `prefix:value` with the value replaced by its SHA-256 when the whole would be too long for the key. */
export function boundedBucket(bucket: string): string {
  if (bucket.length <= MAX_BUCKET_LENGTH) return bucket;
  const colon = bucket.indexOf(':');
  const prefix = colon > 0 && colon < 30 ? bucket.slice(0, colon + 1) : '';
  return `${prefix}#${createHash('sha256').update(bucket).digest('hex')}`;
}

/** One window a minute, on the application's clock (as sign_up_batch's, from its p_nows): tests pin it. */
function windowStart(): string {
  const t = Date.now();
  return new Date(t - (t % 60_000)).toISOString();
}

function refused(message?: string): AppError {
  return new AppError('RATE_LIMITED', message, { headers: { 'Retry-After': '60' } });
}

/** Counts one hit against `bucket` this minute; over `limit`, 429 RATE_LIMITED with Retry-After. */
export async function checkRateLimit(options: { db: Queryable; bucket: string; limit: number; message?: string }): Promise<void> {
  const { rows } = await options.db.query<{ allowed: boolean }>(
    `insert into rate_limits (bucket, window_start, hits) values ($1, $3, 1)
     on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
     returning hits <= $2 as allowed`,
    [boundedBucket(options.bucket), options.limit, windowStart()],
  );
  if (!rows[0].allowed) throw refused(options.message);
}

/** Refuses when `bucket` already has `limit` hits this minute, without counting a hit. */
export async function refuseIfOverLimit(options: { db: Queryable; bucket: string; limit: number; message?: string }): Promise<void> {
  const { rows } = await options.db.query<{ hits: number }>('select hits from rate_limits where bucket = $1 and window_start = $2', [boundedBucket(options.bucket), windowStart()]);
  if ((rows[0]?.hits ?? 0) >= options.limit) throw refused(options.message);
}

const env = process.env;
export const LIMITS = {
  /** logins of one openid a minute (counted after WeChat's exchange) */
  loginPerOpenid: Number(env.RATE_LIMIT_LOGIN_PER_MINUTE ?? 30),
  /** failed login codes from one client address a minute; good codes from one address are never limited */
  loginFailuresPerAddress: Number(env.RATE_LIMIT_LOGIN_FAILURES_PER_MINUTE ?? env.RATE_LIMIT_LOGIN_PER_MINUTE ?? 60),
  bindPerUser: Number(env.RATE_LIMIT_BIND_PER_MINUTE ?? 10),
};

/** Old windows are worthless: the minute cron (and the local server's timer) drops what is over an hour old. */
export async function pruneRateLimits(options: { db: Queryable }): Promise<void> {
  await options.db.query(`delete from rate_limits where window_start < now() - interval '1 hour'`);
}
