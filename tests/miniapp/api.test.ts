import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, ApiError, MAX_IN_FLIGHT, request, requestsInFlight, setTransport, type TransportRequest, type TransportResponse } from '../../miniapp/src/services/api';
import { STORAGE_KEYS } from '../../miniapp/src/services/storage';
import { ZHealth } from '../../shared/schemas';
import { loadMyRegistrations } from '../../miniapp/src/hooks/use-my-registrations';
import { storage, taroCalls } from './support/taro-stub';

const ok = (data: unknown, statusCode = 200): TransportResponse => ({ statusCode, data, header: {} });
const fail = (statusCode: number, code: string, message = '出错了'): TransportResponse => ({ statusCode, data: { error: { code, message } }, header: {} });

const registration = { id: '7', activityId: '3', status: 'confirmed', waitlistPosition: null, createdAt: '2026-12-01T09:00:00+08:00', checkedInAt: null, ticket: 'T1.7.3.sig' };

let sent: TransportRequest[];
function serve(...answers: (TransportResponse | Error)[]) {
  sent = [];
  setTransport(
    async (req) => {
      sent.push(req);
      const a = answers.shift();
      if (!a) throw new Error('no more answers');
      if (a instanceof Error) throw a;
      return a;
    },
    async () => {},
  );
}

beforeEach(() => {
  storage.clear();
  taroCalls.length = 0;
  storage.set(STORAGE_KEYS.token, 'tok-1');
});
afterEach(() => setTransport(null));

describe('request client', () => {
  it('sends the bearer token and returns the parsed answer', async () => {
    serve(ok({ ok: true, db: 'pglite' }));
    await expect(request({ path: '/health', schema: ZHealth })).resolves.toEqual({ ok: true, db: 'pglite' });
    expect(sent[0].url).toBe('/api/health');
    expect(sent[0].header.Authorization).toBe('Bearer tok-1');
  });

  it('refuses an answer that does not match the contract, with a Chinese message', async () => {
    serve(ok({ ok: 'yes' }));
    const err = await request({ path: '/health', schema: ZHealth }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('BAD_RESPONSE');
    expect(err.message).toMatch(/数据有误/);
  });

  it('turns an error body into an ApiError carrying the contract code', async () => {
    serve(fail(409, 'ACTIVITY_FULL', '名额已满'));
    const err = await api.signUp('3', 'key-1').catch((e) => e);
    expect(err).toMatchObject({ code: 'ACTIVITY_FULL', status: 409, message: '名额已满' });
  });

  it('retries a GET twice on 503 and then succeeds', async () => {
    serve(fail(503, 'UNAVAILABLE'), fail(503, 'UNAVAILABLE'), ok({ ok: true, db: 'pglite' }));
    await expect(request({ path: '/health', schema: ZHealth })).resolves.toMatchObject({ ok: true });
    expect(sent).toHaveLength(3);
  });

  it('gives up after two retries', async () => {
    serve(new Error('offline'), new Error('offline'), new Error('offline'));
    const err = await request({ path: '/health', schema: ZHealth }).catch((e) => e);
    expect(err.code).toBe('NETWORK');
    expect(sent).toHaveLength(3);
  });

  it('retries a sign-up with the same Idempotency-Key', async () => {
    serve(new Error('timeout'), ok(registration, 201));
    await expect(api.signUp('3', 'key-abc')).resolves.toMatchObject({ id: '7', status: 'confirmed' });
    expect(sent.map((r) => r.header['Idempotency-Key'])).toEqual(['key-abc', 'key-abc']);
  });

  it('never retries a POST that is not idempotent', async () => {
    serve(new Error('timeout'), ok(registration));
    const err = await api.cancelRegistration('7').catch((e) => e);
    expect(err.code).toBe('NETWORK');
    expect(sent).toHaveLength(1);
  });

  it('on 401 forgets the token and goes to the login page', async () => {
    serve(fail(401, 'UNAUTHENTICATED', '请先登录'));
    const err = await api.me().catch((e) => e);
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(storage.has(STORAGE_KEYS.token)).toBe(false);
    expect(taroCalls).toContainEqual({ api: 'reLaunch', arg: { url: '/pages/login/index' } });
  });

  it('does not send a request that needs a token when there is none', async () => {
    storage.clear();
    serve();
    const err = await api.me().catch((e) => e);
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(sent).toHaveLength(0);
  });

  it('keeps at most 10 requests in flight and queues the rest', async () => {
    const release: (() => void)[] = [];
    let peak = 0;
    let active = 0;
    setTransport(
      (req) =>
        new Promise((resolve) => {
          active++;
          peak = Math.max(peak, active);
          release.push(() => {
            active--;
            resolve(ok({ ok: true, db: 'pglite' }));
            void req;
          });
        }),
      async () => {},
    );
    const all = Array.from({ length: 25 }, () => request({ path: '/health', schema: ZHealth }));
    await new Promise((r) => setTimeout(r, 0));
    expect(requestsInFlight()).toEqual({ inFlight: MAX_IN_FLIGHT, waiting: 15 });
    while (release.length || active) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(peak).toBe(MAX_IN_FLIGHT);
    expect(requestsInFlight()).toEqual({ inFlight: 0, waiting: 0 });
  });
});

describe('我的报名', () => {
  const activityOf = (id: string) => ({
    id, orgId: '3', orgName: '郑州圆方集团工会', title: `活动${id}`, category: 'culture', description: '', location: { name: '职工活动室' },
    startsAt: '2026-12-10T09:00:00+08:00', endsAt: '2026-12-10T11:00:00+08:00', signupOpensAt: '2026-12-01T09:00:00+08:00',
    signupClosesAt: '2026-12-09T18:00:00+08:00', capacity: 2, waitlistEnabled: true, audience: 'org', status: 'published',
    confirmedCount: 1, waitlistCount: 0, checkedInCount: 0, seatsLeft: 1, cancelReason: null,
  });
  const mine = (id: string, status = 'confirmed') => ({ ...registration, id, activityId: `10${id}`, status, ticket: status === 'confirmed' ? `T1.${id}.a.sig` : null, activity: activityOf(`10${id}`) });

  it('reads every page of the member’s registrations and keeps the live ones on the phone', async () => {
    serve(ok({ items: [mine('9'), mine('8', 'cancelled')], nextCursor: 'c1' }), ok({ items: [mine('7')], nextCursor: null }));
    const tickets = await loadMyRegistrations();
    expect(sent.map((r) => r.url)).toEqual(['/api/me/registrations?limit=50', '/api/me/registrations?cursor=c1&limit=50']);
    expect(tickets.map((t) => t.registrationId).sort()).toEqual(['7', '9']);
  });
});
