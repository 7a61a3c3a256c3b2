// The member card and its code (issue #15; api.md "Joining the union online (入会) and the member
// card"): the card shows who the member is with a code that changes, the venue's check takes a
// fresh code and refuses a forged, altered or stale one, and only venue roles may ask.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { ZMemberCard, ZMemberCodeKey, ZMemberCodeVerifyResponse, ZErrorBody } from '../../shared/schemas.js';
import { base64UrlToBytes, bytesToBase64Url } from '../../shared/domain/tickets.js';
import { checkMemberCode, codeSlot, deviceKeyFromText, signMemberCode, CODE_MAX_AGE_SECONDS } from '../../shared/domain/member-codes.js';
import { getConfig } from '../../functions/_lib/config.js';

let api: TestApi;
let verifier: { userId: string; token: string };
beforeAll(async () => {
  api = await startTestApi();
  verifier = await api.user({ roles: [{ role: 'verifier' }] });
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const verify = (code: string, token = verifier.token) => api.post('/api/member-codes/verify', { token, body: { code } });
const card = async (token: string) => {
  const res = await api.get('/api/me/card', { token });
  expect(res.status).toBe(200);
  return ZMemberCard.parse(res.body);
};

/** One character of the code changed, somewhere in the middle of a segment (not a separator). */
function alterOneByte(code: string, at: number): string {
  let i = at;
  while (code[i] === '.') i++;
  const replacement = code[i] === 'A' ? 'B' : 'A';
  return code.slice(0, i) + replacement + code.slice(i + 1);
}

describe('the member card', () => {
  it('shows the member number, name, union, joined date and status with a code that changes and expires within two minutes', async () => {
    const orgId = await api.org({ name: '郑州圆方集团工会' });
    const m = await api.memberUser({ orgId, name: '王秀英' });
    await api.db.query(`update members set joined_on = '2019-03-08' where id = $1`, [m.memberId]);
    const first = await card(m.token);
    expect(first).toMatchObject({ name: '王秀英', orgName: '郑州圆方集团工会', joinedOn: '2019-03-08', status: 'active' });
    const memberNo = (await api.db.query<{ member_no: string }>('select member_no from members where id = $1', [m.memberId])).rows[0].member_no;
    expect(first.memberNo).toBe(memberNo);
    expect(first.memberNoMasked).toBe(`${'*'.repeat(Math.min(memberNo.length - 4, 6))}${memberNo.slice(-4)}`);
    const expiresIn = Date.parse(first.codeExpiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(60_000);
    expect(expiresIn).toBeLessThanOrEqual(CODE_MAX_AGE_SECONDS * 1000);

    // A minute later the card answers another code (the screen refreshes itself at least this often).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 60_000);
    const later = await card(m.token);
    expect(later.code).not.toBe(first.code);
  });

  it('shows the day the member reached the roster when no joining date is recorded', async () => {
    const m = await api.memberUser();
    const created = (await api.db.query<{ d: string }>(`select to_char((created_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as d from members where id = $1`, [m.memberId])).rows[0].d;
    expect((await card(m.token)).joinedOn).toBe(created);
  });

  it('refuses a user who is not bound to the roster with NOT_A_MEMBER', async () => {
    const stranger = await api.user();
    const res = await api.get('/api/me/card', { token: stranger.token });
    expect(res.status).toBe(403);
    expect(ZErrorBody.parse(res.body).error.code).toBe('NOT_A_MEMBER');
  });

  it('refuses a caller without a session', async () => {
    expect((await api.get('/api/me/card')).status).toBe(401);
  });
});

describe('checking a member code at a venue', () => {
  it('takes a fresh code and answers the member with the number masked, when the code was made, and audits the check', async () => {
    const orgId = await api.org({ name: '金水区总工会' });
    const m = await api.memberUser({ orgId, name: '赵建国' });
    const c = await card(m.token);
    const auditsBefore = await api.count('audit_log', `action = 'member_code.verify' and actor_user_id = $1`, [verifier.userId]);
    const res = await verify(c.code);
    expect(res.status).toBe(200);
    const body = ZMemberCodeVerifyResponse.parse(res.body);
    expect(body.member).toEqual({ name: '赵建国', memberNoMasked: c.memberNoMasked, orgName: '金水区总工会', status: 'active' });
    expect(body.member.memberNoMasked).not.toBe(c.memberNo);
    expect(Math.abs(Date.parse(body.issuedAt) - Date.now())).toBeLessThan(CODE_MAX_AGE_SECONDS * 1000);
    expect(await api.count('audit_log', `action = 'member_code.verify' and actor_user_id = $1 and subject_id = $2 and detail->>'valid' = 'true'`, [verifier.userId, m.memberId])).toBe(1);
    expect(await api.count('audit_log', `action = 'member_code.verify' and actor_user_id = $1`, [verifier.userId])).toBe(auditsBefore + 1);
  });

  it('takes a code the phone signed itself with its certified device key, offline, a few minutes after the card was fetched', async () => {
    const m = await api.memberUser({ name: '孙丽' });
    const c = await card(m.token);
    const key = deviceKeyFromText(c.deviceKey);
    expect(key).not.toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60_000);
    const code = signMemberCode(c.certificate, key as Uint8Array, codeSlot(Math.floor(Date.now() / 1000)));
    expect(code).not.toBe(c.code);
    const res = await verify(code);
    expect(res.status).toBe(200);
    expect(res.body.member.name).toBe('孙丽');
  });

  it('refuses a three-minute-old code (a screenshot) with TICKET_INVALID', async () => {
    const m = await api.memberUser();
    const c = await card(m.token);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 60_000);
    const res = await verify(c.code);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TICKET_INVALID');
    expect(res.body.error.message).toContain('过期');
    expect(await api.count('audit_log', `action = 'member_code.verify' and actor_user_id = $1 and detail->>'reason' = 'expired'`, [verifier.userId])).toBeGreaterThanOrEqual(1);
  });

  it('still takes a code one minute and a half old, and refuses one dated too far ahead', async () => {
    const m = await api.memberUser();
    const c = await card(m.token);
    const key = deviceKeyFromText(c.deviceKey) as Uint8Array;
    const fetchedAt = Math.floor(Date.now() / 1000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime((fetchedAt + 90) * 1000);
    expect((await verify(signMemberCode(c.certificate, key, fetchedAt))).status).toBe(200);
    expect((await verify(signMemberCode(c.certificate, key, fetchedAt + 90 + 5 * 60))).status).toBe(422);
  });

  it('refuses a code with any one byte altered, in the certificate, the time or either signature', async () => {
    const m = await api.memberUser();
    const { code } = await card(m.token);
    const segments = code.split('.');
    // the start of every segment after the version: member, user, expiry, status, holder, device key, server signature, time, device signature
    let offset = segments[0].length + 1;
    for (let s = 1; s < segments.length; s++) {
      const altered = alterOneByte(code, offset + Math.floor(segments[s].length / 2));
      expect(altered).not.toBe(code);
      const res = await verify(altered);
      expect(res.status, `segment ${s}`).toBe(422);
      expect(res.body.error.code).toBe('TICKET_INVALID');
      offset += segments[s].length + 1;
    }
  });

  it('refuses a code whose certificate was signed by another key (a forged card)', async () => {
    const m = await api.memberUser();
    const c = await card(m.token);
    const forgerKey = new Uint8Array(32).fill(7);
    const parts = c.certificate.split('.');
    const { signNative } = await import('../../functions/_lib/tickets.js');
    const { asciiBytes } = await import('../../shared/domain/member-codes.js');
    const message = parts.slice(0, 7).join('.');
    const forgedCert = `${message}.${bytesToBase64Url(signNative(asciiBytes(message), forgerKey))}`;
    const code = signMemberCode(forgedCert, deviceKeyFromText(c.deviceKey) as Uint8Array, Math.floor(Date.now() / 1000));
    const res = await verify(code);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TICKET_INVALID');
  });

  it('refuses text that is no member code at all, of any length, with TICKET_INVALID and a bad body with VALIDATION_FAILED', async () => {
    for (const text of ['', 'hello', 'MC1.' + 'a.'.repeat(9), 'x'.repeat(999)]) {
      const res = await verify(text);
      expect(res.status, text.slice(0, 20)).toBe(422);
    }
    const res = await api.post('/api/member-codes/verify', { token: verifier.token, body: { code: 12 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('shows the status of a member whose membership has ended', async () => {
    const m = await api.memberUser({ name: '钱退休' });
    await api.db.query(`update members set joined_on = '2001-05-01', ended_on = '2025-12-31' where id = $1`, [m.memberId]);
    const c = await card(m.token);
    expect(c.status).toBe('ended');
    const res = await verify(c.code);
    expect(res.status).toBe(200);
    expect(res.body.member.status).toBe('ended');
  });

  it('shows a membership that ends after the code was made as ended: the database decides, not the code', async () => {
    const m = await api.memberUser();
    const c = await card(m.token);
    await api.db.query(`update members set ended_on = current_date - 1 where id = $1`, [m.memberId]);
    const res = await verify(c.code);
    expect(res.status).toBe(200);
    expect(res.body.member.status).toBe('ended');
  });

  it('refuses the codes of a phone whose binding was taken over by another user', async () => {
    const m = await api.memberUser();
    const c = await card(m.token);
    await api.db.query('update users set member_id = null, verification = null where id = $1', [m.userId]);
    await api.user({ memberId: m.memberId });
    const res = await verify(c.code);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TICKET_INVALID');
  });

  it('lets a cadre and an admin check a code, from any union: a fresh code comes from the member showing it', async () => {
    const m = await api.memberUser({ orgId: await api.org() });
    const cadre = await api.cadre(await api.org());
    const admin = await api.admin();
    const c = await card(m.token);
    expect((await verify(c.code, cadre.token)).status).toBe(200);
    expect((await verify(c.code, admin.token)).status).toBe(200);
  });

  it('forbids a plain member, even with a genuine code, before looking at it', async () => {
    const m = await api.memberUser();
    const other = await api.memberUser();
    const c = await card(m.token);
    const res = await verify(c.code, other.token);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await verify('garbage', other.token)).status).toBe(403);
    expect(await api.count('audit_log', `action = 'member_code.verify' and actor_user_id = $1`, [other.userId])).toBe(0);
  });

  it('forbids a verifier role granted to a member bound by ID number alone (roles act only for phone bindings)', async () => {
    const member = await api.member();
    const idOnly = await api.user({ memberId: member.memberId, verification: 'id_only', roles: [{ role: 'verifier' }] });
    const m = await api.memberUser();
    expect((await verify((await card(m.token)).code, idOnly.token)).status).toBe(403);
  });

  it('lets an admin make a member a venue account (role verifier through POST /api/admin/roles), whose checks then count', async () => {
    const admin = await api.admin();
    const desk = await api.memberUser({ name: '前台小李' });
    const granted = await api.post('/api/admin/roles', { token: admin.token, body: { memberId: desk.memberId, role: 'verifier' } });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toContainEqual({ role: 'verifier', orgId: null });
    const m = await api.memberUser();
    expect((await verify((await card(m.token)).code, desk.token)).status).toBe(200);
  });

  it('lets a venue service key with the verifier role check codes, and records the call under the key', async () => {
    const admin = await api.admin();
    const created = await api.post('/api/admin/api-keys', { token: admin.token, body: { name: '职工之家前台', role: 'verifier' } });
    expect(created.status).toBe(201);
    const m = await api.memberUser({ name: '周敏' });
    const res = await verify((await card(m.token)).code, created.body.key);
    expect(res.status).toBe(200);
    expect(res.body.member.name).toBe('周敏');
    expect(await api.count('audit_log', `action = 'api_key.call' and subject_id = $1`, [created.body.id])).toBe(1);

    const claimsKey = await api.post('/api/admin/api-keys', { token: admin.token, body: { name: '互助保障系统', role: 'claims_officer' } });
    expect((await verify((await card(m.token)).code, claimsKey.body.key)).status).toBe(403);
  });

  it('decides a check in one database round trip: the caller\'s roles, the rate window, the member and the audit row together', async () => {
    const { verifyMemberCode } = await import('../../functions/_lib/services/card/verify-member-code.js');
    const { getConfig } = await import('../../functions/_lib/config.js');
    const m = await api.memberUser({ name: '钱多多' });
    const code = (await card(m.token)).code;
    const before = api.db.stats.roundTrips;
    const answer = await verifyMemberCode({ db: api.db, config: getConfig(), userId: verifier.userId, code });
    expect(api.db.stats.roundTrips - before).toBe(1);
    expect(answer.member.name).toBe('钱多多');
    expect(await api.count('audit_log', `action = 'member_code.verify' and actor_user_id = $1 and subject_id = $2`, [verifier.userId, m.memberId])).toBe(1);
  });

  it('forbids a venue key once it is revoked, and answers a token of a deleted user with UNAUTHENTICATED', async () => {
    const admin = await api.admin();
    const created = await api.post('/api/admin/api-keys', { token: admin.token, body: { name: '临时前台', role: 'verifier' } });
    const m = await api.memberUser();
    expect((await verify((await card(m.token)).code, created.body.key)).status).toBe(200);
    expect((await api.post(`/api/admin/api-keys/${created.body.id}/revoke`, { token: admin.token, body: {} })).status).toBe(200);
    expect((await verify((await card(m.token)).code, created.body.key)).status).toBe(401);
    const { verifyMemberCode } = await import('../../functions/_lib/services/card/verify-member-code.js');
    const { getConfig } = await import('../../functions/_lib/config.js');
    const revokedKeyUser = (await api.db.query<{ user_id: string }>('select user_id::text from api_keys where id = $1', [created.body.id])).rows[0].user_id;
    await expect(verifyMemberCode({ db: api.db, config: getConfig(), userId: revokedKeyUser, code: (await card(m.token)).code })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(verifyMemberCode({ db: api.db, config: getConfig(), userId: '999999999', code: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('limits how many codes one venue account checks in a minute', async () => {
    const { VERIFY_PER_MINUTE } = await import('../../functions/_lib/services/card/verify-member-code.js');
    const busy = await api.user({ roles: [{ role: 'verifier' }] });
    const minute = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(minute + 5_000);
    await api.db.query(`insert into rate_limits (bucket, window_start, hits) values ($1, $2, $3)`, [`member-code:${busy.userId}`, new Date(minute).toISOString(), VERIFY_PER_MINUTE]);
    const res = await verify('anything', busy.token);
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    vi.setSystemTime(minute + 65_000);
    expect((await verify('anything', busy.token)).status).toBe(422);
  });
});

describe('the venue key for checking offline', () => {
  it('gives verifiers the public key, with which a phone checks a code without the server', async () => {
    const res = await api.get('/api/member-codes/key', { token: verifier.token });
    expect(res.status).toBe(200);
    const key = ZMemberCodeKey.parse(res.body);
    const publicKey = base64UrlToBytes(key.publicKey) as Uint8Array;
    expect(bytesToBase64Url(publicKey)).toBe(bytesToBase64Url(getConfig().ticketPublicKey));
    const m = await api.memberUser({ name: '吴桂芳' });
    const c = await card(m.token);
    const now = Math.floor(Date.now() / 1000);
    const fresh = checkMemberCode(c.code, publicKey, now);
    expect(fresh.ok).toBe(true);
    expect(fresh.ok && fresh.claims.holder.name).toBe('吴*芳');
    expect(checkMemberCode(c.code, publicKey, now + 3 * 60)).toEqual({ ok: false, reason: 'expired' });
  });

  it('does not give it to a plain member', async () => {
    const m = await api.memberUser();
    expect((await api.get('/api/member-codes/key', { token: m.token })).status).toBe(403);
  });
});
