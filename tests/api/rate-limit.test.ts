import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('rate limits held in the database', () => {
  it('answers 429 RATE_LIMITED with Retry-After on the 31st sign-up attempt of a user within a minute', async () => {
    const orgId = await api.org();
    const activityId = await api.activity({ orgId });
    const m = await api.memberUser({ orgId });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await api.post(`/api/activities/${activityId}/registrations`, { token: m.token })).status);
    expect(statuses.slice(0, 30).every((s) => s === 201 || s === 200)).toBe(true);
    const last = await api.post(`/api/activities/${activityId}/registrations`, { token: m.token });
    expect(last.status).toBe(429);
    expect(last.body.error.code).toBe('RATE_LIMITED');
    expect(last.headers.get('retry-after')).toBe('60');
    // Another member is not affected.
    const other = await api.memberUser({ orgId });
    expect((await api.post(`/api/activities/${activityId}/registrations`, { token: other.token })).status).toBe(201);
  });

  it('stops guessing ID numbers after 10 binding attempts a minute', async () => {
    const { token } = await api.user();
    const m = await api.member({ name: '猜不中' });
    for (let i = 0; i < 10; i++) expect((await api.post('/api/me/bind', { token, body: { name: '别人', idNumber: m.idNumber } })).status).toBe(404);
    const blocked = await api.post('/api/me/bind', { token, body: { name: '猜不中', idNumber: m.idNumber } });
    expect(blocked.status).toBe(429);
    expect(await api.count('users', 'member_id = $1', [m.memberId])).toBe(0);
  });

  it('limits logins per client address', async () => {
    await api.db.query(`insert into rate_limits (bucket, window_start, hits) values ('login:9.9.9.9', date_trunc('minute', now()), 60)`);
    const res = await api.post('/api/auth/login', { body: { code: 'dev:someone' }, headers: { 'x-forwarded-for': '9.9.9.9' } });
    expect(res.status).toBe(429);
    const elsewhere = await api.post('/api/auth/login', { body: { code: 'dev:someone' }, headers: { 'x-forwarded-for': '8.8.8.8' } });
    expect(elsewhere.status).toBe(200);
  });
});
