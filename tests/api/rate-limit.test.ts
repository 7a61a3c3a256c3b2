import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { boundedBucket, LIMITS, MAX_BUCKET_LENGTH } from '../../functions/_lib/services/check-rate-limit.js';
import { clientAddress } from '../../functions/_lib/http.js';
import type { IncomingMessage } from 'node:http';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

/** The rate windows follow the application's clock: pinned mid-minute, a burst never straddles two. */
function pinClockMidMinute() {
  const now = Date.now();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now - (now % 60_000) + 30_000 - (now % 60_000 >= 30_000 ? 0 : 60_000));
}
afterEach(() => {
  vi.useRealTimers();
});

describe('rate limits held in the database', () => {
  it('answers 429 RATE_LIMITED with Retry-After on the 31st sign-up attempt of a user within a minute', async () => {
    pinClockMidMinute();
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await api.post(`/api/activities/${activityId}/registrations`, { token: m.token })).status);
    expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
    const thirtyFirst = await api.post(`/api/activities/${activityId}/registrations`, { token: m.token });
    expect(thirtyFirst.status).toBe(429);
    expect(thirtyFirst.body.error.code).toBe('RATE_LIMITED');
    expect(thirtyFirst.headers.get('retry-after')).toBe('60');
    // Another member is not affected.
    const other = await api.memberUser({ orgId });
    expect((await api.post(`/api/activities/${activityId}/registrations`, { token: other.token })).status).toBe(201);
  });

  it('stops guessing ID numbers after 10 binding attempts a minute', async () => {
    pinClockMidMinute();
    const { token } = await api.user();
    const m = await api.member({ name: '猜不中' });
    for (let i = 0; i < 10; i++) expect((await api.post('/api/me/bind', { token, body: { name: '别人', idNumber: m.idNumber } })).status).toBe(404);
    const blocked = await api.post('/api/me/bind', { token, body: { name: '猜不中', idNumber: m.idNumber } });
    expect(blocked.status).toBe(429);
    expect(await api.count('users', 'member_id = $1', [m.memberId])).toBe(0);
  });
});

describe('login limits (issue #13 finding 4)', () => {
  it('limits failed codes per client address, and rotating X-Forwarded-For does not get round it', async () => {
    pinClockMidMinute();
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.loginFailuresPerAddress; i++) {
      const res = await api.post('/api/auth/login', { body: { code: 'dev:bad openid!' }, headers: { 'x-forwarded-for': `10.${i % 250}.${i % 7}.${i % 13}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, LIMITS.loginFailuresPerAddress).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // A good code from the same address is refused too while the address is over its failures.
    const good = await api.post('/api/auth/login', { body: { code: 'dev:good-after-guessing' }, headers: { 'x-forwarded-for': '8.8.8.8' } });
    expect(good.status).toBe(429);
    await api.db.query(`delete from rate_limits where bucket like 'login-fail:%'`);
  });

  it('limits the logins of one openid a minute, and not its address', async () => {
    pinClockMidMinute();
    for (let i = 0; i < LIMITS.loginPerOpenid; i++) expect((await api.post('/api/auth/login', { body: { code: 'dev:same-person' } })).status).toBe(200);
    const again = await api.post('/api/auth/login', { body: { code: 'dev:same-person' } });
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe('RATE_LIMITED');
    expect((await api.post('/api/auth/login', { body: { code: 'dev:someone-else' } })).status).toBe(200);
  });

  it('answers a 5,000-character X-Forwarded-For and other long headers without a 5xx', async () => {
    const long = '1.2.3.4,'.repeat(625);
    expect(long.length).toBe(5000);
    for (const headers of [{ 'x-forwarded-for': long }, { 'x-real-ip': long }, { 'x-vercel-forwarded-for': long }] as Record<string, string>[]) {
      const res = await api.post('/api/auth/login', { body: { code: 'dev:long-header' }, headers });
      expect(res.status).toBeLessThan(500);
    }
    const bad = await api.post('/api/auth/login', { body: { code: `dev:${'x'.repeat(100)}` }, headers: { 'x-forwarded-for': long } });
    expect(bad.status).toBe(400);
  });

  it('bounds every bucket name, hashing a long one', () => {
    const long = `login-fail:${'9'.repeat(5000)}`;
    expect(boundedBucket(long).length).toBeLessThanOrEqual(MAX_BUCKET_LENGTH);
    expect(boundedBucket(long)).toMatch(/^login-fail:#[0-9a-f]{64}$/);
    expect(boundedBucket(long)).not.toBe(boundedBucket(`${long}8`));
    expect(boundedBucket('login:abc')).toBe('login:abc');
  });

  it('takes the address from the socket, or on Vercel from the header its edge sets, never from X-Forwarded-For', () => {
    const req = (headers: Record<string, string>) => ({ headers, socket: { remoteAddress: '203.0.113.9' } }) as unknown as IncomingMessage;
    expect(clientAddress(req({ 'x-forwarded-for': '1.1.1.1' }), {})).toBe('203.0.113.9');
    expect(clientAddress(req({ 'x-vercel-forwarded-for': '198.51.100.7', 'x-forwarded-for': '1.1.1.1' }), {})).toBe('203.0.113.9');
    expect(clientAddress(req({ 'x-vercel-forwarded-for': '198.51.100.7', 'x-forwarded-for': '1.1.1.1' }), { VERCEL: '1' })).toBe('198.51.100.7');
    expect(clientAddress(req({ 'x-real-ip': '198.51.100.8', 'x-forwarded-for': '1.1.1.1' }), { VERCEL: '1' })).toBe('198.51.100.8');
    expect(clientAddress(req({ 'x-vercel-forwarded-for': 'a'.repeat(5000) }), { VERCEL: '1' }).length).toBe(64);
  });

  it('prunes windows over an hour old', async () => {
    await api.db.query(`insert into rate_limits (bucket, window_start, hits) values ('login:old', now() - interval '2 hours', 5)`);
    const { pruneRateLimits } = await import('../../functions/_lib/services/check-rate-limit.js');
    await pruneRateLimits({ db: api.db });
    expect(await api.count('rate_limits', `bucket = 'login:old'`)).toBe(0);
  });
});
