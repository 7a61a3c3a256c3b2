import { createHmac, timingSafeEqual } from 'node:crypto';
import { bytesToBase64Url } from '../../../shared/domain/tickets.js';

// A session token is "<payload>.<mac>": base64url JSON { u: userId, e: expiry (unix s) } and an
// HMAC-SHA256 over it. Stateless, so any serverless instance verifies it without the database.
export type Session = { userId: string; expiresAt: number };

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

export function signSession(userId: string, secret: string, ttlSeconds: number, now = Date.now()): string {
  const payload = bytesToBase64Url(new TextEncoder().encode(JSON.stringify({ u: userId, e: Math.floor(now / 1000) + ttlSeconds })));
  return `${payload}.${mac(payload, secret)}`;
}

export function verifySession(token: string, secret: string, now = Date.now()): Session | null {
  if (typeof token !== 'string' || token.length > 512) return null;
  const [payload, given, extra] = token.split('.');
  if (!payload || !given || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload, secret));
  const actual = Buffer.from(given);
  // Constant time: the comparison must not tell an attacker how many characters were right.
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown; e?: unknown };
    if (typeof claims.u !== 'string' || !/^[1-9]\d{0,17}$/.test(claims.u) || typeof claims.e !== 'number') return null;
    if (claims.e * 1000 <= now) return null;
    return { userId: claims.u, expiresAt: claims.e };
  } catch {
    return null;
  }
}
