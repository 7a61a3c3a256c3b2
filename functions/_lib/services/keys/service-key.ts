// Service keys: what a key looks like, and how a presented one is recognised. A key is 32 random
// bytes behind a recognisable prefix (`usk_`), so that it is told apart from a session token at a
// glance and by secret scanners; only its SHA-256 is stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';

export const SERVICE_KEY_PREFIX = 'usk_';
const KEY_SHAPE = /^usk_[A-Za-z0-9_-]{43}$/;
/** How many characters are kept in clear: the prefix and 8 more, enough to tell keys apart in a list. */
const SHOWN = SERVICE_KEY_PREFIX.length + 8;

export type ServiceKeyAuth = { keyId: string; userId: string; revoked: boolean };

export function looksLikeServiceKey(token: string): boolean {
  return token.startsWith(SERVICE_KEY_PREFIX);
}

export function newServiceKey(): { key: string; hash: string; prefix: string } {
  const key = SERVICE_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, hash: hashKey(key), prefix: key.slice(0, SHOWN) };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * The key's id and user, or 401. Candidates are found by the shown prefix, then every candidate's
 * hash is compared in constant time (no early exit), so timing tells nothing about the secret part.
 * Anything that is not a key we issued is 401 UNAUTHENTICATED; a revoked key is found and marked
 * `revoked` (the endpoint answers 401 KEY_REVOKED and records the attempt).
 */
export async function authenticateServiceKey(db: Queryable, presented: string): Promise<ServiceKeyAuth> {
  const invalid = new AppError('UNAUTHENTICATED', '服务密钥无效');
  if (!KEY_SHAPE.test(presented)) throw invalid;
  const { rows } = await db.query<{ id: string; user_id: string; key_hash: string; revoked: boolean }>(
    'select id::text, user_id::text, key_hash, revoked_at is not null as revoked from api_keys where key_prefix = $1',
    [presented.slice(0, SHOWN)],
  );
  const given = Buffer.from(hashKey(presented), 'hex');
  let match: (typeof rows)[number] | undefined;
  for (const row of rows) {
    const stored = Buffer.from(row.key_hash, 'hex');
    if (stored.length === given.length && timingSafeEqual(stored, given)) match = row;
  }
  if (!match) throw invalid;
  // A revoked key is answered KEY_REVOKED by the caller, after the call is recorded.
  return { keyId: match.id, userId: match.user_id, revoked: match.revoked };
}

/** Every call made with a key leaves an audit row naming the key, and marks the key as used. */
export async function recordServiceKeyCall(db: Queryable, key: ServiceKeyAuth, call: { method: string; route: string; status: number; requestId: string }): Promise<void> {
  await db.query(
    `with used as (update api_keys set last_used_at = now() where id = $2)
     insert into audit_log (actor_user_id, action, subject_type, subject_id, detail) values ($1, 'api_key.call', 'api_key', $2::text, $3)`,
    [key.userId, key.keyId, JSON.stringify({ apiKeyId: key.keyId, ...call })],
  );
}
