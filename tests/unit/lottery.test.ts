import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { drawKey, LOTTERY_ALGORITHM, prioritySeats, runDraw, seedHashOf, sha256Hex, verifyPublishedDraw, type Applicant } from '../../shared/domain/lottery.js';

const SEED = 'a'.repeat(32) + '0123456789abcdef'.repeat(2);
const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const applicants = (n: number, groupsOf: (i: number) => string[] = () => []): Applicant[] =>
  Array.from({ length: n }, (_, i) => ({ registrationId: String(1000 + i), groups: groupsOf(i) }));
const rules = (o: Partial<{ capacity: number; priorityShare: number; priorityGroups: string[]; waitlistEnabled: boolean }> = {}) => ({
  capacity: 3, priorityShare: 0, priorityGroups: [] as string[], waitlistEnabled: true, ...o,
});

describe('the draw rule (sha256-seed-registration-v1)', () => {
  it('hashes exactly as SHA-256 of the text: seedHash of the seed, key of seed + ":" + registration id', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('会员')).toBe(nodeSha('会员'));
    expect(seedHashOf(SEED)).toBe(nodeSha(SEED));
    expect(drawKey(SEED, '42')).toBe(nodeSha(`${SEED}:42`));
  });

  it('draws the same order and outcomes with the portable SHA-256 as with the server\'s native one', () => {
    const list = applicants(300, (i) => (i % 7 === 0 ? ['hardship'] : []));
    const r = rules({ capacity: 40, priorityShare: 25, priorityGroups: ['hardship'] });
    const portable = runDraw(SEED, r, list);
    const native = runDraw(SEED, r, list, nodeSha);
    expect(native).toEqual(portable);
    const published = { seedHash: nodeSha(SEED), seed: SEED, algorithm: LOTTERY_ALGORITHM, capacity: 40, priorityShare: 25, priorityGroups: ['hardship'], waitlistEnabled: true,
      entries: portable.map((e) => ({ rank: e.rank, registrationId: e.registrationId, groups: e.groups, outcome: e.outcome })) };
    expect(verifyPublishedDraw(published, nodeSha).ok).toBe(true);
    expect(verifyPublishedDraw(published).ok).toBe(true);
  });

  it('orders applicants by key ascending, whatever order they applied in', () => {
    const list = applicants(50);
    const a = runDraw(SEED, rules(), list);
    const b = runDraw(SEED, rules(), [...list].reverse());
    expect(a.map((e) => e.registrationId)).toEqual(b.map((e) => e.registrationId));
    const byKey = list.map((x) => ({ id: x.registrationId, key: nodeSha(`${SEED}:${x.registrationId}`) })).sort((x, y) => (x.key < y.key ? -1 : 1));
    expect(a.map((e) => e.registrationId)).toEqual(byKey.map((x) => x.id));
    expect(a.map((e) => e.rank)).toEqual(list.map((_, i) => i + 1));
  });

  it('changes the order with another seed', () => {
    const list = applicants(20);
    const other = 'b'.repeat(64);
    expect(runDraw(other, rules(), list).map((e) => e.registrationId)).not.toEqual(runDraw(SEED, rules(), list).map((e) => e.registrationId));
  });

  it('gives the seats in draw order, then the waitlist 1, 2, … in draw order, or not_selected without a waitlist', () => {
    const withList = runDraw(SEED, rules({ capacity: 3 }), applicants(7));
    expect(withList.map((e) => e.outcome)).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted', 'waitlisted']);
    expect(withList.map((e) => e.waitlistPosition)).toEqual([null, null, null, 1, 2, 3, 4]);
    const without = runDraw(SEED, rules({ capacity: 3, waitlistEnabled: false }), applicants(7));
    expect(without.filter((e) => e.outcome === 'not_selected').map((e) => e.rank)).toEqual([4, 5, 6, 7]);
  });

  it('confirms everyone when there are more seats than applicants', () => {
    const entries = runDraw(SEED, rules({ capacity: 10, priorityShare: 50, priorityGroups: ['hardship'] }), applicants(4, (i) => (i === 0 ? ['hardship'] : [])));
    expect(entries.every((e) => e.outcome === 'confirmed')).toBe(true);
    expect(runDraw(SEED, rules(), [])).toEqual([]);
  });

  it('draws floor(capacity × share / 100) seats first among priority applicants in draw order', () => {
    expect(prioritySeats(5, 50)).toBe(2);
    expect(prioritySeats(3, 33)).toBe(0);
    const list = applicants(40, (i) => (i % 4 === 0 ? ['model_worker'] : i % 4 === 1 ? ['frontline'] : []));
    const entries = runDraw(SEED, rules({ capacity: 5, priorityShare: 50, priorityGroups: ['model_worker'] }), list);
    const priorityInOrder = entries.filter((e) => e.groups.includes('model_worker'));
    // the first two model workers in draw order hold the two priority seats, wherever they were drawn
    expect(priorityInOrder.slice(0, 2).every((e) => e.outcome === 'confirmed')).toBe(true);
    // the three other seats go to the first three not yet placed, in draw order (anyone, model workers included)
    const rest = entries.filter((e) => !priorityInOrder.slice(0, 2).includes(e));
    expect(rest.slice(0, 3).every((e) => e.outcome === 'confirmed')).toBe(true);
    expect(rest.slice(3).every((e) => e.outcome === 'waitlisted')).toBe(true);
    expect(entries.filter((e) => e.outcome === 'confirmed')).toHaveLength(5);
    // a group not named by the activity gives no priority
    expect(entries.filter((e) => e.groups.includes('frontline')).every((e) => !e.priority)).toBe(true);
  });

  it('with share 0 ignores the groups: the plain draw order decides', () => {
    const list = applicants(30, (i) => (i % 2 ? ['hardship'] : []));
    const plain = runDraw(SEED, rules({ capacity: 4 }), list.map((a) => ({ ...a, groups: [] })));
    const zero = runDraw(SEED, rules({ capacity: 4, priorityShare: 0, priorityGroups: ['hardship'] }), list);
    expect(zero.map((e) => [e.registrationId, e.outcome])).toEqual(plain.map((e) => [e.registrationId, e.outcome]));
  });

  it('with share 100 gives every seat to priority applicants while there are enough of them', () => {
    const list = applicants(30, (i) => (i % 3 === 0 ? ['gig_worker'] : []));
    const entries = runDraw(SEED, rules({ capacity: 6, priorityShare: 100, priorityGroups: ['gig_worker', 'hardship'] }), list);
    const winners = entries.filter((e) => e.outcome === 'confirmed');
    expect(winners).toHaveLength(6);
    expect(winners.every((e) => e.groups.includes('gig_worker'))).toBe(true);
    expect(winners.map((e) => e.registrationId)).toEqual(entries.filter((e) => e.priority).slice(0, 6).map((e) => e.registrationId));
  });

  it('gives unused priority seats back to the general draw when fewer priority applicants apply', () => {
    const list = applicants(20, (i) => (i === 7 ? ['hardship'] : []));
    const entries = runDraw(SEED, rules({ capacity: 4, priorityShare: 100, priorityGroups: ['hardship'] }), list);
    expect(entries.filter((e) => e.outcome === 'confirmed')).toHaveLength(4);
    expect(entries.find((e) => e.registrationId === '1007')!.outcome).toBe('confirmed');
    const others = entries.filter((e) => e.registrationId !== '1007');
    expect(others.slice(0, 3).every((e) => e.outcome === 'confirmed')).toBe(true);
    expect(others.slice(3).every((e) => e.outcome === 'waitlisted')).toBe(true);
  });

  it('refuses a seed that is not 64 lowercase hex characters', () => {
    expect(() => runDraw('A'.repeat(64), rules(), applicants(2))).toThrow();
    expect(() => runDraw('ab', rules(), applicants(2))).toThrow();
  });
});

describe('recomputing a published result', () => {
  const publish = (o: { seed?: string; capacity?: number } = {}) => {
    const seed = o.seed ?? SEED;
    const r = rules({ capacity: o.capacity ?? 4, priorityShare: 25, priorityGroups: ['hardship'] });
    const list = applicants(25, (i) => (i % 5 === 0 ? ['hardship'] : []));
    const entries = runDraw(seed, r, list).map((e) => ({ rank: e.rank, registrationId: e.registrationId, groups: e.groups, outcome: e.outcome as string }));
    return { seedHash: seedHashOf(seed), seed, algorithm: LOTTERY_ALGORITHM, ...r, entries };
  };

  it('says a faithful result matches', () => {
    expect(verifyPublishedDraw(publish())).toMatchObject({ ok: true, problems: [] });
  });

  it('catches a seed that is not the one whose hash was published', () => {
    const r = publish();
    const check = verifyPublishedDraw({ ...r, seedHash: seedHashOf('c'.repeat(64)) });
    expect(check.ok).toBe(false);
    expect(check.problems.join()).toContain('摘要');
  });

  it('catches two swapped places and a changed outcome', () => {
    const r = publish();
    const swapped = r.entries.map((e) => ({ ...e }));
    [swapped[0].registrationId, swapped[1].registrationId] = [swapped[1].registrationId, swapped[0].registrationId];
    expect(verifyPublishedDraw({ ...r, entries: swapped }).ok).toBe(false);
    const changed = r.entries.map((e, i) => (i === r.entries.length - 1 ? { ...e, outcome: 'confirmed' } : e));
    expect(verifyPublishedDraw({ ...r, entries: changed }).ok).toBe(false);
  });
});
