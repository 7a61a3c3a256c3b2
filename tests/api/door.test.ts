// The door with bad signal (issue #12): 补签 — a member without a working phone found by name or
// member-number tail and checked in by hand — and a member's refusal of notifications remembered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { getConfig } from '../../functions/_lib/config.js';
import { issueTicket } from '../../functions/_lib/tickets.js';
import { maskMemberNo } from '../../shared/domain/mask.js';
import { ZCheckInResponse, ZErrorBody, ZRegistrationSearch, ZSubscriptionList } from '../../shared/schemas.js';

let api: TestApi;
const config = getConfig();

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

type Status = 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in';

/** A registration written in SQL keeping the activity's counters, for a member with a chosen name and member number. */
async function registration(activityId: string, o: { status?: Status; name?: string; memberNo?: string; orgId?: string } = {}) {
  const status = o.status ?? 'confirmed';
  const m = await api.member({ orgId: o.orgId, name: o.name ?? '王小明' });
  const memberNo = o.memberNo ?? `4101${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
  await api.db.query('update members set member_no = $2 where id = $1', [m.memberId, memberNo]);
  const { rows } = await api.db.query<{ id: string }>(
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
     returning id::text`,
    [activityId, m.memberId, status],
  );
  return { id: rows[0].id, ...m, memberNo, ticket: issueTicket(config, { registrationId: rows[0].id, activityId }) };
}

async function scene() {
  const district = await api.org({ name: `金水区总工会${Math.random()}` });
  const union = await api.org({ parentId: district, name: `某公司工会${Math.random()}` });
  const sibling = await api.org({ parentId: district, name: `另一公司工会${Math.random()}` });
  const activityId = await api.activity({ orgId: union, capacity: 50 });
  const m = await api.member({ orgId: union, name: '赵干部' });
  const cadre = await api.user({ memberId: m.memberId, roles: [{ role: 'cadre', orgId: union }] });
  return { district, union, sibling, activityId, cadre };
}

const search = (activityId: string, token: string, q: string) => api.get(`/api/activities/${activityId}/registrations?q=${encodeURIComponent(q)}`, { token });
const manual = (activityId: string, token: string, body: Record<string, unknown>) => api.post(`/api/activities/${activityId}/checkins/manual`, { token, body });

describe('补签: finding a member at the door', () => {
  it('finds registrations by part of the name, with the member number masked and nothing else personal', async () => {
    const s = await scene();
    const a = await registration(s.activityId, { name: '李秀英', orgId: s.union });
    await registration(s.activityId, { name: '王秀兰' });
    await registration(s.activityId, { name: '张伟' });
    const res = await search(s.activityId, s.cadre.token, '秀');
    expect(res.status, res.text).toBe(200);
    const body = ZRegistrationSearch.parse(res.body);
    expect(body.items.map((i) => i.memberName).sort()).toEqual(['李秀英', '王秀兰']);
    expect(body.items.find((i) => i.registrationId === a.id)).toEqual({
      registrationId: a.id,
      memberName: '李秀英',
      memberNoMasked: maskMemberNo(a.memberNo),
      orgName: expect.stringContaining('某公司工会'),
      status: 'confirmed',
      checkedInAt: null,
      checkedInBy: null,
    });
    expect(res.text).not.toContain(a.memberNo);
    expect(res.text).not.toContain(a.idNumber);
  });

  it('finds a registration by the last digits of the member number, and not by digits in the middle', async () => {
    const s = await scene();
    const a = await registration(s.activityId, { name: '刘芳', memberNo: '410100007788' });
    await registration(s.activityId, { name: '陈静', memberNo: '410177880001' });
    const tail = ZRegistrationSearch.parse((await search(s.activityId, s.cadre.token, '7788')).body);
    expect(tail.items.map((i) => i.registrationId)).toEqual([a.id]);
  });

  it('lists only this activity’s registrations, and treats % and _ as plain characters', async () => {
    const s = await scene();
    const other = await api.activity({ orgId: s.union, capacity: 5 });
    await registration(other, { name: '周杰' });
    expect(ZRegistrationSearch.parse((await search(s.activityId, s.cadre.token, '周杰')).body).items).toEqual([]);
    await registration(s.activityId, { name: '吴敏' });
    expect(ZRegistrationSearch.parse((await search(s.activityId, s.cadre.token, '%')).body).items).toEqual([]);
    expect(ZRegistrationSearch.parse((await search(s.activityId, s.cadre.token, '_')).body).items).toEqual([]);
  });

  it('refuses an empty or overlong search with VALIDATION_FAILED', async () => {
    const s = await scene();
    for (const q of ['', '   ', '字'.repeat(31)]) {
      const res = await search(s.activityId, s.cadre.token, q);
      expect(res.status, q).toBe(400);
      expect(ZErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses another union’s cadre and a member with FORBIDDEN, and an unknown activity with NOT_FOUND', async () => {
    const s = await scene();
    await registration(s.activityId, { name: '孙丽' });
    const siblingCadre = await api.cadre(s.sibling);
    const member = await api.memberUser({ orgId: s.union });
    for (const token of [siblingCadre.token, member.token]) {
      const res = await search(s.activityId, token, '孙');
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect(res.text).not.toContain('孙丽');
    }
    expect((await search('999999999', s.cadre.token, '孙')).status).toBe(404);
  });
});

describe('补签: checking a member in by hand', () => {
  it('checks a confirmed registration in, answers like a scan, and audits it as manual', async () => {
    const s = await scene();
    const r = await registration(s.activityId, { name: '郑红' });
    const res = await manual(s.activityId, s.cadre.token, { registrationId: r.id, deviceId: 'phone-9' });
    expect(res.status, res.text).toBe(200);
    const body = ZCheckInResponse.parse(res.body);
    expect(body).toMatchObject({ result: 'checked_in', registration: { id: r.id, status: 'checked_in', memberName: '郑红', memberNoMasked: maskMemberNo(r.memberNo), checkedInBy: '赵干部' } });
    expect(await api.count('checkins', "registration_id = $1 and mode = 'manual' and result = 'checked_in' and scanned_by = $2 and device_id = 'phone-9'", [r.id, s.cadre.userId])).toBe(1);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [s.activityId])).toBe(1);
    // The search now shows the member in, with when and by whom.
    const found = ZRegistrationSearch.parse((await search(s.activityId, s.cadre.token, '郑红')).body).items[0];
    expect(found).toMatchObject({ status: 'checked_in', checkedInBy: '赵干部', checkedInAt: body.registration.checkedInAt });
  });

  it('answers already_checked_in with the first scan’s time and scanner when the ticket was scanned before', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const scanned = await api.post(`/api/activities/${s.activityId}/checkins`, { token: s.cadre.token, body: { ticket: r.ticket } });
    const admin = await api.admin();
    const res = await manual(s.activityId, admin.token, { registrationId: r.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ result: 'already_checked_in', registration: { checkedInBy: '赵干部', checkedInAt: scanned.body.registration.checkedInAt } });
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [s.activityId])).toBe(1);
    expect(await api.count('checkins', "registration_id = $1 and mode = 'manual' and result = 'already_checked_in'", [r.id])).toBe(1);
  });

  it('gives a re-sent nonce its first verdict and no second audit row', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const first = await manual(s.activityId, s.cadre.token, { registrationId: r.id, nonce: 'hand-1' });
    const again = await manual(s.activityId, s.cadre.token, { registrationId: r.id, nonce: 'hand-1' });
    expect(first.body.result).toBe('checked_in');
    expect(again.body.result).toBe('checked_in');
    expect(await api.count('checkins', 'registration_id = $1', [r.id])).toBe(1);
  });

  it('refuses waitlisted and cancelled registrations with their codes, changing nothing', async () => {
    const s = await scene();
    const waiting = await registration(s.activityId, { status: 'waitlisted' });
    const cancelled = await registration(s.activityId, { status: 'cancelled' });
    const w = await manual(s.activityId, s.cadre.token, { registrationId: waiting.id });
    const c = await manual(s.activityId, s.cadre.token, { registrationId: cancelled.id });
    expect([w.status, w.body.error.code]).toEqual([409, 'NOT_CONFIRMED']);
    expect([c.status, c.body.error.code]).toEqual([409, 'REGISTRATION_CANCELLED']);
    expect(await api.count('registrations', "id in ($1, $2) and status = 'checked_in'", [waiting.id, cancelled.id])).toBe(0);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 0', [s.activityId])).toBe(1);
  });

  it('answers a registration of another activity, or none at all, with NOT_FOUND and writes nothing', async () => {
    const s = await scene();
    const other = await api.activity({ orgId: s.union, capacity: 5 });
    const elsewhere = await registration(other);
    for (const registrationId of [elsewhere.id, '987654321']) {
      const res = await manual(s.activityId, s.cadre.token, { registrationId });
      expect(res.status).toBe(404);
      expect(ZErrorBody.parse(res.body).error.code).toBe('NOT_FOUND');
    }
    expect(await api.count('registrations', "id = $1 and status = 'confirmed'", [elsewhere.id])).toBe(1);
    expect(await api.count('checkins', 'registration_id = $1', [elsewhere.id])).toBe(0);
  });

  it('refuses another union’s cadre and a member with FORBIDDEN, checking nobody in', async () => {
    const s = await scene();
    const r = await registration(s.activityId);
    const siblingCadre = await api.cadre(s.sibling);
    const member = await api.memberUser({ orgId: s.union });
    for (const token of [siblingCadre.token, member.token]) {
      const res = await manual(s.activityId, token, { registrationId: r.id });
      expect([res.status, res.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect(await api.count('registrations', "id = $1 and status = 'confirmed'", [r.id])).toBe(1);
    expect(await api.count('checkins', 'registration_id = $1', [r.id])).toBe(0);
  });

  it('refuses a body without a registration id with VALIDATION_FAILED', async () => {
    const s = await scene();
    for (const body of [{}, { registrationId: 'abc' }, { registrationId: '0' }]) {
      const res = await manual(s.activityId, s.cadre.token, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('answers to the notification request', () => {
  it('remembers a refusal, and an accept afterwards grants a message and clears it', async () => {
    const m = await api.memberUser();
    const refused = await api.post('/api/me/subscriptions', { token: m.token, body: { accepted: [], rejected: ['waitlist_promoted'] } });
    expect(refused.status, refused.text).toBe(200);
    const after = ZSubscriptionList.parse(refused.body).items.find((i) => i.template === 'waitlist_promoted');
    expect(after).toMatchObject({ remaining: 0, refusedAt: expect.stringMatching(/\+08:00$/) });
    const listed = ZSubscriptionList.parse((await api.get('/api/me/subscriptions', { token: m.token })).body).items.find((i) => i.template === 'waitlist_promoted');
    expect(listed).toEqual(after);
    const accepted = await api.post('/api/me/subscriptions', { token: m.token, body: { accepted: ['waitlist_promoted'] } });
    expect(ZSubscriptionList.parse(accepted.body).items.find((i) => i.template === 'waitlist_promoted')).toMatchObject({ remaining: 1, refusedAt: null });
  });

  it('keeps unspent grants when the member later refuses', async () => {
    const m = await api.memberUser();
    await api.post('/api/me/subscriptions', { token: m.token, body: { accepted: ['activity_cancelled'] } });
    const res = await api.post('/api/me/subscriptions', { token: m.token, body: { accepted: ['waitlist_promoted'], rejected: ['activity_cancelled'] } });
    const items = ZSubscriptionList.parse(res.body).items;
    expect(items.find((i) => i.template === 'activity_cancelled')).toMatchObject({ remaining: 1, refusedAt: expect.any(String) });
    expect(items.find((i) => i.template === 'waitlist_promoted')).toMatchObject({ remaining: 1, refusedAt: null });
  });

  it('refuses an unknown template in either list with VALIDATION_FAILED and records nothing', async () => {
    const m = await api.memberUser();
    const res = await api.post('/api/me/subscriptions', { token: m.token, body: { accepted: ['waitlist_promoted'], rejected: ['marketing'] } });
    expect(res.status).toBe(400);
    expect(await api.count('subscription_grants', 'user_id = $1', [m.userId])).toBe(0);
  });
});
