// Tickets and sessions under attack: altered at every character, cut at every length, replayed at
// another activity, revoked, signed with another key; and a production server that will not
// start without its secrets and will not take a dev login. (identity.test.ts has the basics.)
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { captureText } from '../support/log-capture.js';
import { getConfig } from '../../functions/_lib/config.js';
import { signSession, verifySession } from '../../functions/_lib/auth/session.js';
import { signTicket, verifyTicket, ticketPublicKeyFromSecret } from '../../shared/domain/tickets.js';
import { ZErrorBody } from '../../shared/schemas.js';
import { freePort } from '../../scripts/free-port.js';

// Watches the comparison the session check makes (every other crypto call goes through untouched).
const compared = vi.hoisted(() => ({ calls: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.calls++;
      return actual.timingSafeEqual(a, b);
    },
  };
});

let api: TestApi;
const config = getConfig();
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The token with the character at `i` swapped for another one that is just as plausible there. */
function alterAt(token: string, i: number): string {
  const c = token[i];
  const swap = c === '.' ? 'A' : B64URL[(B64URL.indexOf(c) + 1 + (i % 7)) % B64URL.length] ?? 'A';
  return token.slice(0, i) + (swap === c ? 'B' : swap) + token.slice(i + 1);
}

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

async function doorScene() {
  const orgId = await api.org();
  const cadre = await api.cadre(orgId);
  const activityId = await api.activity({ orgId, capacity: 5 });
  const otherActivityId = await api.activity({ orgId, capacity: 5 });
  const m = await api.memberUser({ orgId });
  const reg = await api.post(`/api/activities/${activityId}/registrations`, { token: m.token });
  expect(reg.status).toBe(201);
  return { orgId, cadre, activityId, otherActivityId, member: m, registration: reg.body as { id: string; ticket: string } };
}

const scan = (activityId: string, token: string, ticket: string) => api.post(`/api/activities/${activityId}/checkins`, { token, body: { ticket } });

describe('e-tickets', () => {
  it('refuses the ticket altered at every single character position with 422 TICKET_INVALID, and checks nobody in', async () => {
    const s = await doorScene();
    const ticket = s.registration.ticket;
    const codes = new Set<string>();
    for (let i = 0; i < ticket.length; i++) {
      const altered = alterAt(ticket, i);
      expect(altered).not.toBe(ticket);
      expect(verifyTicket(altered, config.ticketPublicKey), `offline check, position ${i}`).toBeNull();
      const res = await scan(s.activityId, s.cadre.token, altered);
      expect(res.status, `position ${i}: ${altered}`).toBe(422);
      codes.add(ZErrorBody.parse(res.body).error.code);
    }
    expect([...codes]).toEqual(['TICKET_INVALID']);
    expect(await api.count('registrations', `id = $1 and status = 'checked_in'`, [s.registration.id])).toBe(0);
    // The genuine one still works afterwards.
    expect((await scan(s.activityId, s.cadre.token, ticket)).body.result).toBe('checked_in');
  });

  it('refuses the ticket cut at every length, and with anything appended', async () => {
    const s = await doorScene();
    const ticket = s.registration.ticket;
    for (let n = 0; n < ticket.length; n++) {
      const res = await scan(s.activityId, s.cadre.token, ticket.slice(0, n));
      expect(res.status, `first ${n} characters`).toBe(422);
    }
    for (const extra of ['A', '.', '=', ' x', '.T1', '\u0000']) expect((await scan(s.activityId, s.cadre.token, ticket + extra)).status, `+${JSON.stringify(extra)}`).toBe(422);
    expect(await api.count('checkins', `registration_id = $1 and result = 'checked_in'`, [s.registration.id])).toBe(0);
  });

  it('refuses a ticket replayed at another activity with 409 WRONG_ACTIVITY, online and in an offline batch', async () => {
    const s = await doorScene();
    const online = await scan(s.otherActivityId, s.cadre.token, s.registration.ticket);
    expect(online.status).toBe(409);
    expect(online.body.error.code).toBe('WRONG_ACTIVITY');
    const batch = await api.post(`/api/activities/${s.otherActivityId}/checkins/batch`, {
      token: s.cadre.token,
      body: { scans: [{ ticket: s.registration.ticket, nonce: 'replay-1', scannedAt: new Date(Date.now() - 60_000).toISOString() }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0]).toMatchObject({ result: 'rejected', code: 'WRONG_ACTIVITY' });
    expect(await api.count('registrations', `id = $1 and status = 'checked_in'`, [s.registration.id])).toBe(0);
  });

  it('refuses the ticket of a cancelled registration: a ticket outlives nothing it stood for', async () => {
    const s = await doorScene();
    expect((await api.post(`/api/registrations/${s.registration.id}/cancel`, { token: s.member.token })).status).toBe(200);
    const res = await scan(s.activityId, s.cadre.token, s.registration.ticket);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REGISTRATION_CANCELLED');
    const pack = await api.get(`/api/activities/${s.activityId}/offline-pack`, { token: s.cadre.token });
    expect(pack.body.revoked).toContain(s.registration.id);
  });

  it('refuses a ticket for a real registration signed with any other key, online and offline', async () => {
    const s = await doorScene();
    const otherKey = new Uint8Array(createHash('sha256').update('an attacker’s key').digest());
    const genuine = verifyTicket(s.registration.ticket, config.ticketPublicKey)!;
    const forged = signTicket(genuine, otherKey);
    expect(forged.split('.').slice(0, -1)).toEqual(s.registration.ticket.split('.').slice(0, -1));
    expect(verifyTicket(forged, config.ticketPublicKey)).toBeNull();
    expect(verifyTicket(forged, ticketPublicKeyFromSecret(otherKey))).not.toBeNull();
    const res = await scan(s.activityId, s.cadre.token, forged);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TICKET_INVALID');
    // Nor does the genuine signature carry over to another registration.
    const [v, , ...rest] = s.registration.ticket.split('.');
    const swapped = [v, (BigInt(s.registration.id) + 1n).toString(36), ...rest].join('.');
    expect((await scan(s.activityId, s.cadre.token, swapped)).status).toBe(422);
  });

  it('verifies offline with the public key alone: the pack never carries the signing key', async () => {
    const s = await doorScene();
    const pack = await api.get(`/api/activities/${s.activityId}/offline-pack`, { token: s.cadre.token });
    const publicKey = new Uint8Array(Buffer.from(pack.body.publicKey, 'base64url'));
    expect(verifyTicket(s.registration.ticket, publicKey)).toMatchObject({ registrationId: s.registration.id, activityId: s.activityId, holder: { name: expect.any(String) } });
    const secretHex = Buffer.from(config.ticketSecretKey).toString('hex');
    const secretB64 = Buffer.from(config.ticketSecretKey).toString('base64url');
    expect(pack.text).not.toContain(secretHex);
    expect(pack.text).not.toContain(secretB64);
  });
});

describe('session tokens', () => {
  it('refuses the token altered at every single character position with 401', async () => {
    const { token } = await api.memberUser();
    expect((await api.get('/api/me', { token })).status).toBe(200);
    for (let i = 0; i < token.length; i++) {
      const altered = alterAt(token, i);
      expect(verifySession(altered, config.sessionSecret), `position ${i}`).toBeNull();
      const res = await api.get('/api/me', { token: altered });
      expect(res.status, `position ${i}: ${altered}`).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses the token cut at every length, and with a third part', async () => {
    const { token } = await api.memberUser();
    for (let n = 0; n < token.length; n++) expect((await api.get('/api/me', { token: token.slice(0, n) || 'x' })).status, `first ${n}`).toBe(401);
    expect((await api.get('/api/me', { token: `${token}.x` })).status).toBe(401);
  });

  it('refuses an expired token, one signed with another secret, and one whose user is gone', async () => {
    const u = await api.memberUser();
    expect((await api.get('/api/me', { token: signSession(u.userId, config.sessionSecret, -1) })).status).toBe(401);
    expect((await api.get('/api/me', { token: signSession(u.userId, randomBytes(32).toString('hex'), 3600) })).status).toBe(401);
    const gone = await api.user();
    await api.db.query('delete from users where id = $1', [gone.userId]);
    const free = await api.member({ name: '无主会员' });
    const activityId = await api.activity({ orgId: free.orgId });
    const calls = [
      ['GET', '/api/me'],
      ['POST', '/api/me/bind', { name: free.name, idNumber: free.idNumber }],
      ['GET', '/api/me/coverage'],
      ['GET', '/api/me/claims'],
      ['POST', '/api/me/subscriptions', { accepted: ['waitlist_promoted'] }],
      ['GET', '/api/me/subscriptions'],
      ['GET', '/api/me/registrations'],
      ['POST', `/api/activities/${activityId}/registrations`],
    ] as const;
    for (const [method, p, body] of calls) {
      const res = await api.request(method, p, { token: gone.token, body });
      expect(res.status, `${method} ${p}: ${res.text}`).toBe(401);
    }
  });

  it('refuses a payload naming another user under a signature taken from a real token', async () => {
    const victim = await api.admin();
    const attacker = await api.memberUser();
    const [, mac] = attacker.token.split('.');
    const [payload] = victim.token.split('.');
    expect((await api.get('/api/me', { token: `${payload}.${mac}` })).status).toBe(401);
    const forgedPayload = Buffer.from(JSON.stringify({ u: victim.userId, e: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    expect((await api.get('/api/me', { token: `${forgedPayload}.${mac}` })).status).toBe(401);
    expect((await api.get('/api/me', { token: `${forgedPayload}.` })).status).toBe(401);
  });

  it('compares the signature in constant time: every same-length candidate goes through timingSafeEqual', () => {
    const token = signSession('42', config.sessionSecret, 3600);
    const [payload, mac] = token.split('.');
    const before = compared.calls;
    for (const i of [0, Math.floor(mac.length / 2), mac.length - 1]) {
      expect(verifySession(`${payload}.${alterAt(mac, i)}`, config.sessionSecret)).toBeNull();
    }
    expect(compared.calls - before).toBe(3);
    expect(verifySession(token, config.sessionSecret)?.userId).toBe('42');
    expect(compared.calls - before).toBe(4);
  });
});

// ---------- a real production process ----------
type Started = { code: number | null; output: string; kill: () => void; ready: Promise<boolean> };

/** `tsx scripts/start.ts` with exactly this environment (plus PATH), on its own throwaway PGlite. */
function start(env: Record<string, string | undefined>, dataDir: string): Started {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['scripts/start.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', SEED: 'none', SKIP_H5_BUILD: '1', PGLITE_DATA_DIR: dataDir, ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: Started = { code: null, output: '', kill: () => child.kill('SIGTERM'), ready: Promise.resolve(false) };
  started.ready = new Promise((resolve) => {
    const onData = (d: Buffer) => {
      started.output += d.toString();
      if (started.output.includes('工会服务已启动')) resolve(true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      started.code = code;
      // What the server wrote belongs to the suite's log capture like any other server output.
      captureText(started.output);
      resolve(false);
    });
  });
  return started;
}

describe('production start', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'union-prod-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses to start without SESSION_SECRET and TICKET_SIGNING_KEY, with a Chinese message and a non-zero exit', async () => {
    for (const env of [
      { NODE_ENV: 'production' },
      { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) },
      { NODE_ENV: 'production', TICKET_SIGNING_KEY: 'ab'.repeat(32) },
      { NODE_ENV: 'production', SESSION_SECRET: 'too-short', TICKET_SIGNING_KEY: 'ab'.repeat(32) },
      { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TICKET_SIGNING_KEY: 'not-a-key' },
      { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TICKET_SIGNING_KEY: 'ab'.repeat(32) },
    ]) {
      const run = start({ ...env, PORT: String(await freePort()) }, dataDir);
      const timer = setTimeout(run.kill, 30_000);
      expect(await run.ready, `${JSON.stringify(env)} started: ${run.output}`).toBe(false);
      clearTimeout(timer);
      expect(run.code, JSON.stringify(env)).not.toBe(0);
      expect(run.code, JSON.stringify(env)).not.toBeNull();
      expect(run.output).toMatch(/无法启动：.*[\u4e00-\u9fff]/);
      expect(run.output).not.toMatch(/工会服务已启动/);
    }
  }, 120_000);

  it('starts with its secrets, and then refuses dev logins and hides the demo picker and the cron endpoint', async () => {
    const port = await freePort();
    const run = start({ NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), TICKET_SIGNING_KEY: randomBytes(32).toString('hex'), ID_HASH_KEY: randomBytes(32).toString('hex'), PORT: String(port) }, dataDir);
    const timer = setTimeout(run.kill, 60_000);
    try {
      expect(await run.ready, run.output).toBe(true);
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:admin' }) });
      expect(login.status).toBe(401);
      expect(ZErrorBody.parse(await login.json()).error.code).toBe('UNAUTHENTICATED');
      expect((await fetch(`${base}/api/demo/users`)).status).toBe(404);
      expect((await fetch(`${base}/api/internal/dispatch-notifications`)).status).toBe(404);
      expect((await fetch(`${base}/api/internal/run-draws`)).status).toBe(404);
      // A token signed with the development secret means nothing here.
      const devToken = signSession('1', 'dev-only-session-secret-never-used-in-production', 3600);
      expect((await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${devToken}` } })).status).toBe(401);
    } finally {
      clearTimeout(timer);
      run.kill();
    }
  }, 90_000);
});
