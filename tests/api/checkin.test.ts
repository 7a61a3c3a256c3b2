import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { getConfig } from '../../functions/_lib/config.js';
import { issueTicket, ticketPublicKeyBase64Url } from '../../functions/_lib/tickets.js';
import { checkIn } from '../../functions/_lib/services/check-in.js';
import { syncCheckins } from '../../functions/_lib/services/sync-checkins.js';
import { csvCell, writeCsv, attachmentDisposition } from '../../functions/_lib/csv-write.js';
import { signTicket, verifyTicket, base64UrlToBytes } from '../../shared/domain/tickets.js';
import { maskMemberNo } from '../../shared/domain/mask.js';
import { toShanghaiIso } from '../../shared/domain/time.js';
import { ZCheckInBatchResponse, ZCheckInResponse, ZErrorBody, ZOfflinePack, ZRoster } from '../../shared/schemas.js';

let api: TestApi;
const config = getConfig();

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

type Status = 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in';

/** A registration made a day ago directly in SQL, keeping the activity's counters as sign-up would; with its ticket. */
async function registration(activityId: string, o: { status?: Status; name?: string; orgId?: string } = {}) {
  const status = o.status ?? 'confirmed';
  const m = await api.member({ orgId: o.orgId, name: o.name ?? '王小明' });
  const { rows } = await api.db.query<{ id: string; member_no: string }>(
    `with a as (
       update activities
          set next_seq = next_seq + 1,
              confirmed_count = confirmed_count + (case when $3::text in ('confirmed', 'checked_in') then 1 else 0 end),
              waitlist_count = waitlist_count + (case when $3::text = 'waitlisted' then 1 else 0 end),
              checked_in_count = checked_in_count + (case when $3::text = 'checked_in' then 1 else 0 end)
        where id = $1
        returning next_seq - 1 as seq)
     insert into registrations (activity_id, member_id, status, seq, created_at, confirmed_at, cancelled_at, checked_in_at)
     select $1, $2, $3::text, a.seq, now() - interval '1 day',
            case when $3::text <> 'waitlisted' then now() end,
            case when $3::text = 'cancelled' then now() end,
            case when $3::text = 'checked_in' then now() end
       from a
     returning id::text, (select member_no from members where id = $2)`,
    [activityId, m.memberId, status],
  );
  const id = rows[0].id;
  return { id, ...m, memberNo: rows[0].member_no, ticket: issueTicket(config, { registrationId: id, activityId }) };
}

/** The member cancels (after the scanner downloaded its pack, say). */
async function cancel(registrationId: string) {
  await api.db.query(
    `with r as (update registrations set status = 'cancelled', cancelled_at = now() where id = $1 and status = 'confirmed' returning activity_id)
     update activities set confirmed_count = confirmed_count - 1 where id = (select activity_id from r)`,
    [registrationId],
  );
}

/** A cadre with a name of their own (the scanner's name is part of the answer). */
async function namedCadre(orgId: string, name: string) {
  const m = await api.member({ orgId, name });
  return api.user({ memberId: m.memberId, roles: [{ role: 'cadre', orgId }] });
}

/** district → grassroots union (the activity's) and a sibling grassroots union. */
async function scene() {
  const district = await api.org({ name: `金水区总工会${Math.random()}` });
  const union = await api.org({ parentId: district, name: `某公司工会${Math.random()}` });
  const sibling = await api.org({ parentId: district, name: `另一公司工会${Math.random()}` });
  const activityId = await api.activity({ orgId: union, capacity: 50 });
  const cadre = await namedCadre(union, '赵干部');
  return { district, union, sibling, activityId, cadre };
}

const scan = (activityId: string, token: string, body: Record<string, unknown>) => api.post(`/api/activities/${activityId}/checkins`, { token, body });

describe('scanning a ticket at the door', () => {
  it('checks a confirmed registration in and answers the member by name, number masked, and the scanner', async () => {
    const s = await scene();
    const r = await registration(s.activityId, { name: '李娟' });
    const res = await scan(s.activityId, s.cadre.token, { ticket: r.ticket, deviceId: 'phone-1' });
    expect(res.status).toBe(200);
    const body = ZCheckInResponse.parse(res.body);
    expect(body.result).toBe('checked_in');
    expect(body.registration).toMatchObject({ id: r.id, status: 'checked_in', memberName: '李娟', memberNoMasked: maskMemberNo(r.memberNo), checkedInBy: '赵干部' });
    expect(body.registration.checkedInAt).toMatch(/\+08:00$/);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [s.activityId])).toBe(1);
    expect(await api.count('registrations', "id = $1 and status = 'checked_in' and checked_in_by = $2", [r.id, s.cadre.userId])).toBe(1);
    expect(await api.count('checkins', "registration_id = $1 and scanned_by = $2 and device_id = 'phone-1' and mode = 'online' and result = 'checked_in'", [r.id, s.cadre.userId])).toBe(1);
  });

  it('answers a second scan, by another cadre, with already_checked_in and the first scan’s time and scanner', async () => {
    const s = await scene();
    const admin = await api.admin();
    const parentCadre = await namedCadre(s.district, '钱干部');
    const r = await registration(s.activityId);
    const first = await scan(s.activityId, admin.token, { ticket: r.ticket });
    const second = await scan(s.activityId, parentCadre.token, { ticket: r.ticket });
    expect(first.body.result).toBe('checked_in');
    expect(second.status).toBe(200);
    expect(second.body.result).toBe('already_checked_in');
    // an admin without a member record is shown as 管理员
    expect(second.body.registration.checkedInBy).toBe('管理员');
    expect(second.body.registration.checkedInAt).toBe(first.body.registration.checkedInAt);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [s.activityId])).toBe(1);
    expect(await api.count('checkins', "registration_id = $1 and result = 'already_checked_in' and scanned_by = $2", [r.id, parentCadre.userId])).toBe(1);
  });

  it('refuses a waitlisted registration with 409 NOT_CONFIRMED and records the refusal', async () => {
    const s = await scene();
    const r = await registration(s.activityId, { status: 'waitlisted' });
    const res = await scan(s.activityId, s.cadre.token, { ticket: r.ticket });
    expect(res.status).toBe(409);
    expect(ZErrorBody.parse(res.body).error).toEqual({ code: 'NOT_CONFIRMED', message: '候补未确认，不能签到' });
    expect(await api.count('checkins', "registration_id = $1 and result = 'rejected' and reject_code = 'NOT_CONFIRMED'", [r.id])).toBe(1);
    expect(await api.count('registrations', "id = $1 and status = 'waitlisted'", [r.id])).toBe(1);
  });

  it('refuses a cancelled registration with 409 REGISTRATION_CANCELLED', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    await cancel(r.id);
    const res = await scan(s.activityId, s.cadre.token, { ticket: r.ticket });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('REGISTRATION_CANCELLED');
    expect(await api.count('activities', 'id = $1 and checked_in_count = 0', [s.activityId])).toBe(1);
  });

  it('never checks a ticket of one activity in at another: 409 WRONG_ACTIVITY, and it still works at its own', async () => {
    const s = await scene();
    const other = await api.activity({ orgId: s.union, title: '职工运动会' });
    const r = await registration(other);
    const res = await scan(s.activityId, s.cadre.token, { ticket: r.ticket });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('WRONG_ACTIVITY');
    expect(await api.count('registrations', "id = $1 and status = 'confirmed'", [r.id])).toBe(1);
    expect(await api.count('activities', 'id = any($1::bigint[]) and checked_in_count = 0', [[s.activityId, other]])).toBe(2);
    expect((await scan(other, s.cadre.token, { ticket: r.ticket })).body.result).toBe('checked_in');
  });

  it('rejects every single-character alteration of a genuine ticket with 422 TICKET_INVALID, without touching the database', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const before = api.db.stats.roundTrips;
    for (let i = 0; i < r.ticket.length; i++) {
      for (const shift of [1, 17]) {
        const c = alphabet[(alphabet.indexOf(r.ticket[i]) + shift) % alphabet.length];
        const altered = r.ticket.slice(0, i) + c + r.ticket.slice(i + 1);
        const res = await scan(s.activityId, s.cadre.token, { ticket: altered });
        expect({ i, altered, status: res.status, code: res.body.error?.code }).toEqual({ i, altered, status: 422, code: 'TICKET_INVALID' });
      }
    }
    expect(api.db.stats.roundTrips).toBe(before);
    expect(await api.count('registrations', "id = $1 and status = 'confirmed'", [r.id])).toBe(1);
  });

  it('rejects unreadable tickets and tickets signed with another key with 422 TICKET_INVALID', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const otherKey = new Uint8Array(32).fill(7);
    const forged = signTicket({ registrationId: r.id, activityId: s.activityId }, otherKey);
    for (const ticket of ['', 'hello', 'T1...', r.ticket + '.', r.ticket + 'A', ` ${r.ticket.slice(0, 20)}`, forged, 'x'.repeat(1000)]) {
      const res = await scan(s.activityId, s.cadre.token, { ticket });
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({ code: 'TICKET_INVALID', message: '票据无效' });
    }
  });

  it('answers a genuine signature naming no registration of ours with 422 TICKET_INVALID', async () => {
    const s = await scene();
    const ticket = issueTicket(config, { registrationId: '987654321', activityId: s.activityId });
    const res = await scan(s.activityId, s.cadre.token, { ticket });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TICKET_INVALID');
  });

  it('refuses bad input with 400: missing ticket, a number for a ticket, an overlong device id, broken JSON', async () => {
    const s = await scene();
    const missing = await scan(s.activityId, s.cadre.token, {});
    expect(missing.status).toBe(400);
    expect(ZErrorBody.parse(missing.body).error.details?.[0].path).toBe('ticket');
    expect((await scan(s.activityId, s.cadre.token, { ticket: 42 })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await scan(s.activityId, s.cadre.token, { ticket: 'T1.a.b.c', deviceId: 'd'.repeat(65) })).status).toBe(400);
    const broken = await api.post(`/api/activities/${s.activityId}/checkins`, { token: s.cadre.token, rawBody: '{"ticket":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('BAD_JSON');
  });

  it('needs a session (401) and answers 404 for an unknown activity or an id that is not one', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    expect((await api.post(`/api/activities/${s.activityId}/checkins`, { body: { ticket: r.ticket } })).status).toBe(401);
    const admin = await api.admin();
    const unknown = await scan('987654321', admin.token, { ticket: r.ticket });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await scan('abc', admin.token, { ticket: r.ticket })).status).toBe(404);
  });

  it('lets admins and cadres of the activity’s org or an org above it scan, and refuses members and cadres of a sibling org with 403', async () => {
    const s = await scene();
    const member = await api.memberUser({ orgId: s.union });
    const siblingCadre = await namedCadre(s.sibling, '孙干部');
    const parentCadre = await namedCadre(s.district, '周干部');
    const admin = await api.admin();
    const [a, b, c] = [await registration(s.activityId), await registration(s.activityId), await registration(s.activityId)];
    for (const token of [member.token, siblingCadre.token]) {
      const res = await scan(s.activityId, token, { ticket: a.ticket });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await api.count('checkins', 'registration_id = $1', [a.id])).toBe(0);
    expect((await scan(s.activityId, parentCadre.token, { ticket: a.ticket })).body.result).toBe('checked_in');
    expect((await scan(s.activityId, admin.token, { ticket: b.ticket })).body.result).toBe('checked_in');
    expect((await scan(s.activityId, s.cadre.token, { ticket: c.ticket })).body.result).toBe('checked_in');
  });

  it('decides a scan, permission included, in one database round trip (service and HTTP alike)', async () => {
    const s = await scene();
    const [a, b] = [await registration(s.activityId), await registration(s.activityId)];
    let before = api.db.stats.roundTrips;
    const res = await checkIn({ db: api.db, config, userId: s.cadre.userId, activityId: s.activityId, ticket: a.ticket });
    expect(res.result).toBe('checked_in');
    expect(api.db.stats.roundTrips - before).toBe(1);
    before = api.db.stats.roundTrips;
    expect((await checkIn({ db: api.db, config, userId: s.cadre.userId, activityId: s.activityId, ticket: a.ticket })).result).toBe('already_checked_in');
    expect(api.db.stats.roundTrips - before).toBe(1);
    before = api.db.stats.roundTrips;
    expect((await scan(s.activityId, s.cadre.token, { ticket: b.ticket })).body.result).toBe('checked_in');
    expect(api.db.stats.roundTrips - before).toBe(1);
  });

  it('answers a repeated nonce with the original verdict and records it once; a nonce reused for another ticket is 400', async () => {
    const s = await scene();
    const [a, b] = [await registration(s.activityId), await registration(s.activityId)];
    const first = await scan(s.activityId, s.cadre.token, { ticket: a.ticket, nonce: 'n-1' });
    const again = await scan(s.activityId, s.cadre.token, { ticket: a.ticket, nonce: 'n-1' });
    expect(first.body.result).toBe('checked_in');
    expect(again.body).toEqual(first.body);
    expect(await api.count('checkins', 'registration_id = $1', [a.id])).toBe(1);
    const reused = await scan(s.activityId, s.cadre.token, { ticket: b.ticket, nonce: 'n-1' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('VALIDATION_FAILED');
    expect(await api.count('registrations', "id = $1 and status = 'confirmed'", [b.id])).toBe(1);
  });
});

describe('the offline pack', () => {
  it('carries the public key, the confirmed and checked-in registrations, and cancelled ones as revoked', async () => {
    const s = await scene();
    const confirmed = await registration(s.activityId, { name: '陈静' });
    const checkedIn = await registration(s.activityId, { status: 'checked_in' });
    const waitlisted = await registration(s.activityId, { status: 'waitlisted' });
    const cancelled = await registration(s.activityId);
    await cancel(cancelled.id);
    const res = await api.get(`/api/activities/${s.activityId}/offline-pack`, { token: s.cadre.token });
    expect(res.status).toBe(200);
    const pack = ZOfflinePack.parse(res.body);
    expect(pack.activityId).toBe(s.activityId);
    expect(pack.publicKey).toBe(ticketPublicKeyBase64Url(config));
    expect(pack.registrations).toEqual([
      { id: confirmed.id, memberName: '陈静', memberNoMasked: maskMemberNo(confirmed.memberNo), status: 'confirmed' },
      { id: checkedIn.id, memberName: '王小明', memberNoMasked: maskMemberNo(checkedIn.memberNo), status: 'checked_in' },
    ]);
    expect(pack.revoked).toEqual([cancelled.id]);
    expect(pack.registrations.map((r) => r.id)).not.toContain(waitlisted.id);
    // the phone verifies a ticket with the pack alone
    expect(verifyTicket(confirmed.ticket, base64UrlToBytes(pack.publicKey)!)).toEqual({ registrationId: confirmed.id, activityId: s.activityId });
    expect(res.text).not.toContain(confirmed.idNumber);
    expect(res.text).not.toContain(confirmed.memberNo);
  });

  it('is refused to members (403) and for unknown activities (404)', async () => {
    const s = await scene();
    const member = await api.memberUser({ orgId: s.union });
    expect((await api.get(`/api/activities/${s.activityId}/offline-pack`, { token: member.token })).body.error.code).toBe('FORBIDDEN');
    expect((await api.get('/api/activities/987654321/offline-pack', { token: s.cadre.token })).status).toBe(404);
  });
});

describe('syncing offline scans', () => {
  const sync = (activityId: string, token: string, scans: unknown[]) => api.post(`/api/activities/${activityId}/checkins/batch`, { token, body: { scans } });
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  it('checks offline scans in at their scan time, recorded as offline', async () => {
    const s = await scene();
    const r = await registration(s.activityId, { name: '黄强' });
    const scannedAt = ago(30);
    const res = await sync(s.activityId, s.cadre.token, [{ ticket: r.ticket, nonce: 'off-1', scannedAt, deviceId: 'phone-9' }]);
    expect(res.status).toBe(200);
    const { results } = ZCheckInBatchResponse.parse(res.body);
    expect(results).toEqual([
      { nonce: 'off-1', result: 'checked_in', registration: { id: r.id, status: 'checked_in', memberName: '黄强', memberNoMasked: maskMemberNo(r.memberNo), checkedInAt: toShanghaiIso(scannedAt), checkedInBy: '赵干部' } },
    ]);
    expect(await api.count('checkins', "registration_id = $1 and mode = 'offline' and nonce = 'off-1' and device_id = 'phone-9' and scanned_at = $2", [r.id, scannedAt])).toBe(1);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [s.activityId])).toBe(1);
  });

  it('clamps a scan time from a phone whose clock runs ahead to now', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const res = await sync(s.activityId, s.cadre.token, [{ ticket: r.ticket, nonce: 'future', scannedAt: new Date(Date.now() + 86_400_000).toISOString() }]);
    expect(res.body.results[0].result).toBe('checked_in');
    expect(await api.count('registrations', 'id = $1 and checked_in_at <= now()', [r.id])).toBe(1);
  });

  it('reads scan times PostgreSQL cannot (year 0000, offset +23:59) without failing, clamped into range', async () => {
    const s = await scene();
    const [a, b] = [await registration(s.activityId), await registration(s.activityId)];
    const res = await sync(s.activityId, s.cadre.token, [
      { ticket: a.ticket, nonce: 'odd-1', scannedAt: '0000-01-01T00:00:00Z' },
      { ticket: b.ticket, nonce: 'odd-2', scannedAt: '2026-12-01T09:00:00+23:59' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((x: { result: string }) => x.result)).toEqual(['checked_in', 'checked_in']);
    // no check-in before the registration existed, none after now
    expect(await api.count('registrations', 'id = any($1::bigint[]) and checked_in_at >= created_at and checked_in_at <= now()', [[a.id, b.id]])).toBe(2);
  });

  it('takes device ids and nonces with NUL and control characters without failing', async () => {
    const s = await scene();
    const [a, b] = [await registration(s.activityId), await registration(s.activityId)];
    const res = await sync(s.activityId, s.cadre.token, [{ ticket: a.ticket, nonce: 'nul\u0000-1', scannedAt: ago(1), deviceId: 'dev\u0000\u0007ice' }]);
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toMatchObject({ nonce: 'nul\u0000-1', result: 'checked_in' });
    expect(await api.count('checkins', "registration_id = $1 and nonce = 'nul-1' and device_id = 'device'", [a.id])).toBe(1);
    const online = await scan(s.activityId, s.cadre.token, { ticket: b.ticket, nonce: '\u0000', deviceId: '\u0000' });
    expect(online.status).toBe(200);
    expect(await api.count('checkins', 'registration_id = $1 and nonce is null and device_id is null', [b.id])).toBe(1);
  });

  it('answers a re-sent batch with the original results and adds no rows', async () => {
    const s = await scene();
    const [a, b] = [await registration(s.activityId), await registration(s.activityId, { status: 'waitlisted' })];
    const scans = [
      { ticket: a.ticket, nonce: 'r-1', scannedAt: ago(5) },
      { ticket: b.ticket, nonce: 'r-2', scannedAt: ago(4) },
    ];
    const first = await sync(s.activityId, s.cadre.token, scans);
    const rows = await api.count('checkins', 'activity_id = $1', [s.activityId]);
    const again = await sync(s.activityId, s.cadre.token, scans);
    expect(again.body).toEqual(first.body);
    expect(first.body.results.map((r: { result: string }) => r.result)).toEqual(['checked_in', 'rejected']);
    expect(await api.count('checkins', 'activity_id = $1', [s.activityId])).toBe(rows);
    expect(rows).toBe(2);
  });

  it('reports each conflict found at sync in order: checked in elsewhere, cancelled after the download, waitlisted, wrong activity, unreadable', async () => {
    const s = await scene();
    const other = await api.activity({ orgId: s.union });
    const elsewhere = await registration(s.activityId);
    const cancelledLater = await registration(s.activityId);
    const waitlisted = await registration(s.activityId, { status: 'waitlisted' });
    const foreign = await registration(other);
    const fine = await registration(s.activityId);
    const online = await namedCadre(s.union, '吴干部');
    const firstScan = await scan(s.activityId, online.token, { ticket: elsewhere.ticket });
    await cancel(cancelledLater.id);
    const res = await sync(s.activityId, s.cadre.token, [
      { ticket: elsewhere.ticket, nonce: 'c-1', scannedAt: ago(10) },
      { ticket: cancelledLater.ticket, nonce: 'c-2', scannedAt: ago(9) },
      { ticket: waitlisted.ticket, nonce: 'c-3', scannedAt: ago(8) },
      { ticket: foreign.ticket, nonce: 'c-4', scannedAt: ago(7) },
      { ticket: 'not a ticket', nonce: 'c-5', scannedAt: ago(6) },
      { ticket: fine.ticket, nonce: 'c-6', scannedAt: ago(5) },
    ]);
    expect(res.status).toBe(200);
    const { results } = ZCheckInBatchResponse.parse(res.body);
    expect(results.map((r) => [r.nonce, r.result, r.code])).toEqual([
      ['c-1', 'already_checked_in', undefined],
      ['c-2', 'rejected', 'REGISTRATION_CANCELLED'],
      ['c-3', 'rejected', 'NOT_CONFIRMED'],
      ['c-4', 'rejected', 'WRONG_ACTIVITY'],
      ['c-5', 'rejected', 'TICKET_INVALID'],
      ['c-6', 'checked_in', undefined],
    ]);
    expect(results[0].registration).toMatchObject({ checkedInBy: '吴干部', checkedInAt: firstScan.body.registration.checkedInAt });
    expect(results[1].message).toBe('该报名已取消，不能签到');
    expect(results[3].registration).toBeUndefined();
    expect(await api.count('activities', 'id = $1 and checked_in_count = 2', [s.activityId])).toBe(1);
    expect(await api.count('checkins', "activity_id = $1 and mode = 'offline'", [s.activityId])).toBe(5);
  });

  it('checks a ticket scanned twice offline in at its first scan, whatever the order sent', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const [early, late] = [ago(20), ago(15)];
    const res = await sync(s.activityId, s.cadre.token, [
      { ticket: r.ticket, nonce: 'late', scannedAt: late },
      { ticket: r.ticket, nonce: 'early', scannedAt: early },
    ]);
    expect(res.body.results.map((x: { nonce: string; result: string }) => [x.nonce, x.result])).toEqual([
      ['late', 'already_checked_in'],
      ['early', 'checked_in'],
    ]);
    expect(res.body.results[0].registration.checkedInAt).toBe(toShanghaiIso(early));
  });

  it('decides a whole batch in one database round trip', async () => {
    const s = await scene();
    const regs = [await registration(s.activityId), await registration(s.activityId), await registration(s.activityId)];
    const before = api.db.stats.roundTrips;
    const out = await syncCheckins({ db: api.db, config, userId: s.cadre.userId, activityId: s.activityId, scans: regs.map((r, i) => ({ ticket: r.ticket, nonce: `rt-${i}`, scannedAt: ago(1) })) });
    expect(out.results.every((r) => r.result === 'checked_in')).toBe(true);
    expect(api.db.stats.roundTrips - before).toBe(1);
  });

  it('refuses bad batches with 400: no scans, more than 500, a scan without nonce, a time without offset', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const scanOf = (i: number) => ({ ticket: r.ticket, nonce: `b-${i}`, scannedAt: ago(1) });
    expect((await sync(s.activityId, s.cadre.token, [])).body.error.code).toBe('VALIDATION_FAILED');
    expect((await sync(s.activityId, s.cadre.token, Array.from({ length: 501 }, (_, i) => scanOf(i)))).status).toBe(400);
    expect((await sync(s.activityId, s.cadre.token, [{ ticket: r.ticket, scannedAt: ago(1) }])).status).toBe(400);
    expect((await sync(s.activityId, s.cadre.token, [{ ticket: r.ticket, nonce: 'x', scannedAt: '2026-12-01 09:00' }])).status).toBe(400);
    expect(await api.count('checkins', 'registration_id = $1', [r.id])).toBe(0);
  });

  it('takes a full batch of 500 scans', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const scans = Array.from({ length: 500 }, (_, i) => ({ ticket: r.ticket, nonce: `full-${i}`, scannedAt: ago(1), deviceId: 'phone-with-a-long-device-identifier-0001' }));
    const res = await sync(s.activityId, s.cadre.token, scans);
    expect(res.status).toBe(200);
    expect(res.body.results.filter((x: { result: string }) => x.result === 'checked_in')).toHaveLength(1);
    expect(res.body.results.filter((x: { result: string }) => x.result === 'already_checked_in')).toHaveLength(499);
  });

  it('is refused to members and sibling cadres (403) and for unknown activities (404)', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const member = await api.memberUser({ orgId: s.union });
    const sibling = await namedCadre(s.sibling, '郑干部');
    const scans = [{ ticket: r.ticket, nonce: 'p-1', scannedAt: ago(1) }];
    expect((await sync(s.activityId, member.token, scans)).status).toBe(403);
    expect((await sync(s.activityId, sibling.token, scans)).body.error.code).toBe('FORBIDDEN');
    expect((await sync('987654321', s.cadre.token, scans)).status).toBe(404);
    expect(await api.count('checkins', 'registration_id = $1', [r.id])).toBe(0);
  });
});

describe('the roster', () => {
  it('lists every registration in arrival order with org, status, times and live counts', async () => {
    const s = await scene();
    const a = await registration(s.activityId, { name: '甲', orgId: s.union });
    const b = await registration(s.activityId, { name: '乙' });
    const c = await registration(s.activityId, { name: '丙', status: 'waitlisted' });
    const d = await registration(s.activityId, { name: '丁' });
    await cancel(d.id);
    await scan(s.activityId, s.cadre.token, { ticket: a.ticket });
    const res = await api.get(`/api/activities/${s.activityId}/roster`, { token: s.cadre.token });
    expect(res.status).toBe(200);
    const roster = ZRoster.parse(res.body);
    expect(roster.items.map((i) => [i.registrationId, i.memberName, i.status, i.checkedInBy])).toEqual([
      [a.id, '甲', 'checked_in', '赵干部'],
      [b.id, '乙', 'confirmed', null],
      [c.id, '丙', 'waitlisted', null],
      [d.id, '丁', 'cancelled', null],
    ]);
    expect(roster.items[0].orgName).toMatch(/^某公司工会/);
    expect(roster.items[0].memberNoMasked).toBe(maskMemberNo(a.memberNo));
    expect(roster.counts).toEqual({ registered: 2, checkedIn: 1, notYet: 1, waitlisted: 1, cancelled: 1 });
    expect(res.text).not.toContain(a.idNumber);
  });

  it('exports CSV for Excel: BOM, Chinese header, Shanghai times, a Chinese file name, no ID or phone numbers', async () => {
    const s = await scene();
    const a = await registration(s.activityId, { name: '甲' });
    await registration(s.activityId, { name: '乙', status: 'waitlisted' });
    await scan(s.activityId, s.cadre.token, { ticket: a.ticket });
    const res = await api.get(`/api/activities/${s.activityId}/roster?format=csv`, { token: s.cadre.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="roster-\d+-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toMatch(/^签到名单-劳模宣讲会-\d{4}-\d{2}-\d{2}\.csv$/);
    const raw = Buffer.from(await (await fetch(`${api.base}/api/activities/${s.activityId}/roster?format=csv`, { headers: { authorization: `Bearer ${s.cadre.token}` } })).arrayBuffer());
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('姓名,会员编号,所属工会,状态,报名时间,签到时间,签到人');
    const first = lines[1].split(',');
    expect(first[0]).toBe('甲');
    expect(first[1]).toBe(maskMemberNo(a.memberNo));
    expect(first[3]).toBe('已签到');
    expect(first[4]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const checkedInAt = (await api.db.query<{ t: Date }>('select checked_in_at as t from registrations where id = $1', [a.id])).rows[0].t;
    expect(first[5]).toBe(toShanghaiIso(checkedInAt).slice(0, 19).replace('T', ' '));
    expect(first[6]).toBe('赵干部');
    expect(lines[2].split(',').slice(3, 7)).toEqual(['候补中', expect.any(String), '', '']);
    expect(lines[3]).toBe('');
    expect(res.text).not.toContain(a.idNumber);
    expect(res.text).not.toMatch(/1[3-9]\d{9}|\d{3}\*{4}\d{4}/);
    expect(await api.count('audit_log', "action = 'roster.export' and subject_id = $1 and actor_user_id = $2", [s.activityId, s.cadre.userId])).toBeGreaterThanOrEqual(1);
  });

  it('neutralises spreadsheet formulas and quotes cells in the CSV', async () => {
    const s = await scene();
    await registration(s.activityId, { name: '=HYPERLINK("http://x")' });
    await registration(s.activityId, { name: '张,三' });
    const res = await api.get(`/api/activities/${s.activityId}/roster?format=csv`, { token: s.cadre.token });
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[1].startsWith(`"'=HYPERLINK(""http://x"")",`)).toBe(true);
    expect(lines[2].startsWith('"张,三",')).toBe(true);
  });

  it('is refused to members and sibling cadres (403), unknown activities (404) and unknown formats (400)', async () => {
    const s = await scene();
    const member = await api.memberUser({ orgId: s.union });
    const sibling = await namedCadre(s.sibling, '冯干部');
    expect((await api.get(`/api/activities/${s.activityId}/roster`, { token: member.token })).status).toBe(403);
    expect((await api.get(`/api/activities/${s.activityId}/roster?format=csv`, { token: sibling.token })).body.error.code).toBe('FORBIDDEN');
    expect((await api.get('/api/activities/987654321/roster', { token: s.cadre.token })).status).toBe(404);
    const bad = await api.get(`/api/activities/${s.activityId}/roster?format=xlsx`, { token: s.cadre.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('lets a cadre of a parent org and an admin read it', async () => {
    const s = await scene();
    const parent = await namedCadre(s.district, '褚干部');
    const admin = await api.admin();
    expect((await api.get(`/api/activities/${s.activityId}/roster`, { token: parent.token })).status).toBe(200);
    expect((await api.get(`/api/activities/${s.activityId}/roster?format=json`, { token: admin.token })).status).toBe(200);
  });
});

describe('CSV writing', () => {
  it('quotes per RFC 4180 and neutralises cells starting with = + - @', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a"b')).toBe('"a""b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+86')).toBe("'+86");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=a,b')).toBe(`"'=a,b"`);
    expect(csvCell(null)).toBe('');
    expect(writeCsv(['甲', '乙'], [['1', null]])).toBe('\uFEFF甲,乙\r\n1,\r\n');
  });

  it('writes an ASCII fallback and an RFC 5987 file name without path or quote characters', () => {
    const d = attachmentDisposition('名单/"a".csv', 'roster 1.csv');
    expect(d).toBe(`attachment; filename="roster_1.csv"; filename*=UTF-8''${encodeURIComponent('名单__a_.csv')}`);
  });
});
