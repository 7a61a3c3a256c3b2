// Issue #13 finding 5, the smaller ones: idempotency keys and check-in nonces scoped to their
// activity, no demo roster outside development, the log redactor, the OpenAPI 403.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { redact } from '../../functions/_lib/log.js';
import { demoSeedAllowed } from '../../scripts/seed-demo.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('an Idempotency-Key belongs to its activity', () => {
  it('answers a key reused on another activity with a registration for that activity, never the first one', async () => {
    const orgId = await api.org();
    const [first, second] = [await api.activity({ orgId, title: '第一场' }), await api.activity({ orgId, title: '第二场' })];
    const m = await api.memberUser({ orgId });
    const a = await api.post(`/api/activities/${first}/registrations`, { token: m.token, headers: { 'idempotency-key': 'same-key' } });
    expect(a.status).toBe(201);
    const b = await api.post(`/api/activities/${second}/registrations`, { token: m.token, headers: { 'idempotency-key': 'same-key' } });
    expect(b.status).toBe(201);
    expect(b.body.activityId).toBe(second);
    expect(b.body.id).not.toBe(a.body.id);
    // The retry on the first activity still answers its own registration.
    const retried = await api.post(`/api/activities/${first}/registrations`, { token: m.token, headers: { 'idempotency-key': 'same-key' } });
    expect([retried.status, retried.body.id]).toEqual([200, a.body.id]);
  });
});

describe('a re-sent check-in nonce', () => {
  it('is judged against the activity it is sent to: another activity’s ticket is WRONG_ACTIVITY, never checked_in', async () => {
    const orgId = await api.org();
    const [here, there] = [await api.activity({ orgId, title: '本场' }), await api.activity({ orgId, title: '别场' })];
    const m = await api.memberUser({ orgId });
    const reg = (await api.post(`/api/activities/${there}/registrations`, { token: m.token })).body;
    const cadre = await api.cadre(orgId);
    const atItsDoor = await api.post(`/api/activities/${there}/checkins`, { token: cadre.token, body: { ticket: reg.ticket, nonce: 'resent-1' } });
    expect(atItsDoor.body.result).toBe('checked_in');
    const resentElsewhere = await api.post(`/api/activities/${here}/checkins`, { token: cadre.token, body: { ticket: reg.ticket, nonce: 'resent-1' } });
    expect(resentElsewhere.status).toBe(409);
    expect(resentElsewhere.body.error.code).toBe('WRONG_ACTIVITY');
    expect(await api.count('activities', 'id = $1 and checked_in_count = 0', [here])).toBe(1);
    // Re-sent to its own door it still answers the original verdict.
    const again = await api.post(`/api/activities/${there}/checkins`, { token: cadre.token, body: { ticket: reg.ticket, nonce: 'resent-1' } });
    expect(again.body).toEqual(atItsDoor.body);
  });
});

describe('the demo roster', () => {
  it('is seeded only in development: never with NODE_ENV=production or real WeChat login, and not with SEED=none', () => {
    expect(demoSeedAllowed({}, { production: false, devLogin: true })).toBe(true);
    expect(demoSeedAllowed({ SEED: 'demo' }, { production: true, devLogin: false })).toBe(false);
    expect(demoSeedAllowed({}, { production: true, devLogin: false })).toBe(false);
    expect(demoSeedAllowed({ SEED: 'demo' }, { production: false, devLogin: false })).toBe(false);
    expect(demoSeedAllowed({ SEED: 'none' }, { production: false, devLogin: true })).toBe(false);
  });
});

describe('the log redactor', () => {
  it('hides phones written with +86, spaces or dashes, and 15-digit ID numbers', () => {
    for (const phone of ['13800138000', '+8613800138000', '+86 138 0013 8000', '86-138-0013-8000', '138-0013-8000', '138 0013 8000']) {
      const out = redact(`{"note":"电话 ${phone} 请回电"}`);
      expect(out, phone).toContain('[手机号已隐藏]');
      expect(out.replace(/\D/g, ''), phone).not.toContain('0013');
    }
    for (const id of ['410105850315002', '110101991231123']) expect(redact(`证件 ${id}。`)).toBe('证件 [身份证号已隐藏]。');
    expect(redact('410105199203150020')).toBe('[身份证号已隐藏]');
    // Times and ids are left alone.
    expect(redact('{"t":"2026-11-29T13:45:12.123Z","requestId":"1732912345678"}')).toBe('{"t":"2026-11-29T13:45:12.123Z","requestId":"1732912345678"}');
  });
});

describe('the OpenAPI document', () => {
  it('declares the 403 that GET /api/me/registrations answers to a user not bound to the roster', async () => {
    const doc = JSON.parse(readFileSync('docs/openapi.json', 'utf8'));
    expect(Object.keys(doc.paths['/api/me/registrations'].get.responses)).toContain('403');
    const { token } = await api.user();
    expect((await api.get('/api/me/registrations', { token })).status).toBe(403);
  });
});
