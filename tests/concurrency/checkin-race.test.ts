// Several cadres at one door, on the real PostgreSQL (PGlite has one connection and proves nothing
// about races): a ticket shown to many scanners at once is checked in exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { getConfig } from '../../functions/_lib/config.js';
import { issueTicket } from '../../functions/_lib/tickets.js';

let api: TestApi;
const config = getConfig();

beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

/** A confirmed registration made a day ago, counted as sign-up would count it; with its ticket. */
async function registration(activityId: string, memberId?: string) {
  const m = memberId ? { memberId } : await api.member();
  const { rows } = await api.db.query<{ id: string }>(
    `with a as (update activities set next_seq = next_seq + 1, confirmed_count = confirmed_count + 1 where id = $1 returning next_seq - 1 as seq)
     insert into registrations (activity_id, member_id, status, seq, created_at, confirmed_at)
     select $1, $2, 'confirmed', a.seq, now() - interval '1 day', now() from a
     returning id::text`,
    [activityId, m.memberId],
  );
  return { id: rows[0].id, ticket: issueTicket(config, { registrationId: rows[0].id, activityId }) };
}

async function door(cadres: number) {
  const district = await api.org();
  const union = await api.org({ parentId: district });
  const activityId = await api.activity({ orgId: union, capacity: 1000 });
  const scanners = [];
  for (let i = 0; i < cadres; i++) {
    const m = await api.member({ orgId: union, name: `干部${i}` });
    scanners.push(await api.user({ memberId: m.memberId, roles: [{ role: 'cadre', orgId: i % 2 ? union : district }] }));
  }
  return { activityId, scanners };
}

const scan = (activityId: string, token: string, body: Record<string, unknown>) => api.post(`/api/activities/${activityId}/checkins`, { token, body });

describe('check-in races on PostgreSQL', () => {
  it('checks a ticket scanned 50 times at once by 5 cadres in exactly once; every other answer names the same first scanner and time', async () => {
    const { activityId, scanners } = await door(5);
    const r = await registration(activityId);
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => scan(activityId, scanners[i % scanners.length].token, { ticket: r.ticket, deviceId: `phone-${i % 5}` })));
    expect(replies.map((x) => x.status)).toEqual(Array(50).fill(200));
    const winners = replies.filter((x) => x.body.result === 'checked_in');
    expect(winners).toHaveLength(1);
    const first = winners[0].body.registration;
    for (const x of replies) {
      expect(x.body.registration).toEqual(first);
    }
    const stored = await api.db.query<{ checked_in_by: string; name: string }>(
      'select r.checked_in_by::text, m.name from registrations r join users u on u.id = r.checked_in_by join members m on m.id = u.member_id where r.id = $1',
      [r.id],
    );
    expect(first.checkedInBy).toBe(stored.rows[0].name);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [activityId])).toBe(1);
    expect(await api.count('checkins', "registration_id = $1 and result = 'checked_in'", [r.id])).toBe(1);
    expect(await api.count('checkins', "registration_id = $1 and result = 'already_checked_in'", [r.id])).toBe(49);
  });

  it('keeps the checked-in counter exact when 40 members are each scanned twice at once', async () => {
    const { activityId, scanners } = await door(4);
    const regs: { id: string; ticket: string }[] = [];
    for (let i = 0; i < 40; i++) regs.push(await registration(activityId));
    const replies = await Promise.all(regs.flatMap((r, i) => [scan(activityId, scanners[i % 4].token, { ticket: r.ticket }), scan(activityId, scanners[(i + 1) % 4].token, { ticket: r.ticket })]));
    expect(replies.filter((x) => x.body.result === 'checked_in')).toHaveLength(40);
    expect(replies.filter((x) => x.body.result === 'already_checked_in')).toHaveLength(40);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 40', [activityId])).toBe(1);
    expect(await api.count('registrations', "activity_id = $1 and status = 'checked_in'", [activityId])).toBe(40);
  });

  it('records a nonce sent on 10 connections at once once, and answers every copy with the same verdict', async () => {
    const { activityId, scanners } = await door(1);
    const r = await registration(activityId);
    const replies = await Promise.all(Array.from({ length: 10 }, () => scan(activityId, scanners[0].token, { ticket: r.ticket, nonce: 'same-nonce' })));
    expect(replies.map((x) => x.status)).toEqual(Array(10).fill(200));
    expect(await api.count('checkins', 'registration_id = $1', [r.id])).toBe(1);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 1', [activityId])).toBe(1);
    expect(replies.filter((x) => x.body.result === 'checked_in')).toHaveLength(10);
  });

  it('lets offline batches and online scans of the same tickets race without double check-ins', async () => {
    const { activityId, scanners } = await door(3);
    const regs: { id: string; ticket: string }[] = [];
    for (let i = 0; i < 30; i++) regs.push(await registration(activityId));
    const at = new Date(Date.now() - 60_000).toISOString();
    const batch = (s: number) =>
      api.post(`/api/activities/${activityId}/checkins/batch`, { token: scanners[s].token, body: { scans: regs.map((r, i) => ({ ticket: r.ticket, nonce: `b${s}-${i}`, scannedAt: at })) } });
    const online = regs.map((r) => scan(activityId, scanners[2].token, { ticket: r.ticket }));
    const [a, b, ...rest] = await Promise.all([batch(0), batch(1), ...online]);
    expect([a.status, b.status, ...rest.map((x) => x.status)]).toEqual(Array(32).fill(200));
    const wins = [...a.body.results, ...b.body.results].filter((x: { result: string }) => x.result === 'checked_in').length + rest.filter((x) => x.body.result === 'checked_in').length;
    expect(wins).toBe(30);
    expect(await api.count('activities', 'id = $1 and checked_in_count = 30', [activityId])).toBe(1);
    expect(await api.count('checkins', "activity_id = $1 and result = 'checked_in'", [activityId])).toBe(30);
  });

  it('lets a member’s cancel and a scan of their ticket race: one of them wins, the other is refused, never both and never a 500', async () => {
    const { activityId, scanners } = await door(2);
    const pairs: { member: Awaited<ReturnType<TestApi['memberUser']>>; reg: { id: string; ticket: string } }[] = [];
    for (let i = 0; i < 20; i++) {
      const member = await api.memberUser();
      pairs.push({ member, reg: await registration(activityId, member.memberId) });
    }
    const replies = await Promise.all(
      pairs.map(async ({ member, reg }) => {
        const [cancelled, scanned] = await Promise.all([
          api.post(`/api/registrations/${reg.id}/cancel`, { token: member.token }),
          scan(activityId, scanners[Number(reg.id) % 2].token, { ticket: reg.ticket }),
        ]);
        return { cancelled, scanned };
      }),
    );
    let checkedIn = 0;
    for (const { cancelled, scanned } of replies) {
      if (scanned.status === 200) {
        checkedIn++;
        expect(scanned.body.result).toBe('checked_in');
        expect([cancelled.status, cancelled.body.error?.code]).toEqual([409, 'ALREADY_CHECKED_IN']);
      } else {
        expect([scanned.status, scanned.body.error?.code]).toEqual([409, 'REGISTRATION_CANCELLED']);
        expect([cancelled.status, cancelled.body.status]).toEqual([200, 'cancelled']);
      }
    }
    expect(await api.count('activities', 'id = $1 and checked_in_count = $2 and confirmed_count = $2', [activityId, checkedIn])).toBe(1);
    expect(await api.count('registrations', "activity_id = $1 and status = 'checked_in'", [activityId])).toBe(checkedIn);
  });
});
