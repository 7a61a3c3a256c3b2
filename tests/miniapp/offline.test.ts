import { describe, expect, it } from 'vitest';
import { applyBatchResults, emptyState, judgeTicket, offlineCounts, recordScan, syncQueue, type OfflinePack, type OfflineState } from '../../miniapp/src/packages/cadre/offline';
import { Utf8Encoder } from '../../miniapp/src/packages/cadre/offline/text-encoder';
import { bytesToBase64Url, signTicket, ticketHolder, ticketPublicKeyFromSecret } from '../../shared/domain/tickets';
import { verdictFromJudgement } from '../../miniapp/src/hooks/use-scan';

const secret = new Uint8Array(32).fill(7);
const publicKey = ticketPublicKeyFromSecret(secret);
const ticketFor = (registrationId: string, activityId = '8') => signTicket({ registrationId, activityId }, secret);

const pack: OfflinePack = {
  activityId: '8',
  publicKey: bytesToBase64Url(publicKey),
  registrations: [
    { id: '1', memberName: '张伟', memberNoMasked: '******0001', status: 'confirmed' },
    { id: '2', memberName: '李娜', memberNoMasked: '******0002', status: 'checked_in' },
    { id: '3', memberName: '王强', memberNoMasked: '******0003', status: 'confirmed' },
  ],
  revoked: ['4'],
  generatedAt: '2026-12-01T08:00:00+08:00',
};
const ctx = (nonce: string) => ({ nonce, scannedAt: '2026-12-01T09:00:00.000Z', deviceId: 'd-test' });

describe('offline judgement', () => {
  it('lets in a confirmed member with a genuine ticket, once', () => {
    const t = ticketFor('1');
    const first = judgeTicket(t, pack, publicKey, emptyState());
    expect(first).toMatchObject({ result: 'checked_in', memberName: '张伟' });
    const after = recordScan(emptyState(), t, first, ctx('n1'));
    expect(after.queue).toHaveLength(1);
    expect(judgeTicket(t, pack, publicKey, after)).toMatchObject({ result: 'already_checked_in', firstBy: '本机（离线）' });
  });

  it('says already checked in for someone the pack lists as checked in', () => {
    expect(judgeTicket(ticketFor('2'), pack, publicKey, emptyState())).toMatchObject({ result: 'already_checked_in', memberName: '李娜', firstAt: null });
  });

  it('refuses altered, foreign and cancelled tickets with the contract codes', () => {
    const genuine = ticketFor('1');
    const altered = genuine.slice(0, -2) + (genuine.endsWith('AA') ? 'BB' : 'AA');
    expect(judgeTicket(altered, pack, publicKey, emptyState())).toMatchObject({ result: 'rejected', code: 'TICKET_INVALID' });
    expect(judgeTicket('hello', pack, publicKey, emptyState())).toMatchObject({ code: 'TICKET_INVALID' });
    expect(judgeTicket(ticketFor('1', '9'), pack, publicKey, emptyState())).toMatchObject({ code: 'WRONG_ACTIVITY' });
    expect(judgeTicket(ticketFor('4'), pack, publicKey, emptyState())).toMatchObject({ code: 'REGISTRATION_CANCELLED' });
  });

  it('lets in a genuine ticket newer than the pack by the name it carries, marked 名单外, and counts it apart', () => {
    const late = signTicket({ registrationId: '99', activityId: '8', holder: ticketHolder('赵秀英', '******0099') }, secret);
    const j = judgeTicket(late, pack, publicKey, emptyState());
    expect(j).toMatchObject({ result: 'checked_in', memberName: '赵*英', memberNoMasked: '******0099', unlisted: true });
    const state = recordScan(emptyState(), late, j, ctx('n9'));
    expect(state.queue[0]).toMatchObject({ registrationId: '99', memberName: '赵*英' });
    // the pack's list is not stretched by people outside it
    expect(offlineCounts(pack, state)).toEqual({ registered: 3, checkedIn: 1, unlisted: 1 });
    expect(judgeTicket(late, pack, publicKey, state)).toMatchObject({ result: 'already_checked_in', memberName: '赵*英', unlisted: true });
    expect(verdictFromJudgement(j)).toMatchObject({ tone: 'warn', title: expect.stringContaining('名单外'), memberName: '赵*英', unlisted: true });
  });

  it('still lets in an old T1 ticket newer than the pack, saying its holder is unknown', () => {
    const j = judgeTicket(ticketFor('98'), pack, publicKey, emptyState());
    expect(j).toMatchObject({ result: 'checked_in', unlisted: true, memberName: expect.stringContaining('身份未知') });
  });

  it('never reads 1/1 for a list of 0', () => {
    const empty = { ...pack, registrations: [], revoked: [] };
    const late = signTicket({ registrationId: '5', activityId: '8', holder: ticketHolder('张伟', '1234') }, secret);
    const state = recordScan(emptyState(), late, judgeTicket(late, empty, publicKey, emptyState()), ctx('n5'));
    expect(offlineCounts(empty, state)).toEqual({ registered: 0, checkedIn: 0, unlisted: 1 });
  });

  it('does not queue refused scans', () => {
    const j = judgeTicket(ticketFor('4'), pack, publicKey, emptyState());
    expect(recordScan(emptyState(), ticketFor('4'), j, ctx('n4')).queue).toHaveLength(0);
  });
});

describe('offline sync', () => {
  const withScans = (...ids: string[]): OfflineState =>
    ids.reduce((s, id, i) => recordScan(s, ticketFor(id), judgeTicket(ticketFor(id), pack, publicKey, s), { ...ctx(`n${i}`), scannedAt: `2026-12-01T09:0${i}:00.000Z` }), emptyState());

  it('empties the queue and keeps what the server disputes as conflicts', () => {
    const state = withScans('1', '99');
    const out = applyBatchResults(
      state,
      state.queue,
      [
        { nonce: 'n0', result: 'already_checked_in', registration: { id: '1', status: 'checked_in', memberName: '张伟', memberNoMasked: '******0001', checkedInAt: '2026-12-01T08:50:00+08:00', checkedInBy: '刘洋' } },
        { nonce: 'n1', result: 'rejected', code: 'REGISTRATION_CANCELLED', message: '该报名已取消，不能签到' },
      ],
      '2026-12-01T10:00:00Z',
    );
    expect(out.state.queue).toEqual([]);
    expect(out.conflicts.map((c) => [c.kind, c.registrationId])).toEqual([
      ['already_checked_in', '1'],
      ['rejected', '99'],
    ]);
    // the refused member is no longer "in" on this phone; the other one still is
    expect(Object.keys(out.state.accepted)).toEqual(['1']);
  });

  it('treats a resent scan the server already recorded at its own time as no conflict', () => {
    const state = withScans('1');
    const out = applyBatchResults(
      state,
      state.queue,
      [{ nonce: 'n0', result: 'already_checked_in', registration: { id: '1', status: 'checked_in', memberName: '张伟', memberNoMasked: '******0001', checkedInAt: '2026-12-01T17:00:00+08:00', checkedInBy: 'd-test' } }],
      'now',
    );
    expect(out.conflicts).toEqual([]);
  });

  it('keeps unanswered scans queued and stops at a failed upload', async () => {
    const state = withScans('1', '99');
    const first = await syncQueue(state, async () => ({ results: [{ nonce: 'n0', result: 'checked_in' as const }] }));
    expect(first.synced).toBe(1);
    expect(first.state.queue.map((q) => q.registrationId)).toEqual(['99']);
    const second = await syncQueue(first.state, async () => {
      throw new Error('offline');
    });
    expect(second.error).toBeDefined();
    expect(second.state.queue).toHaveLength(1);
  });

  it('uploads only what the batch endpoint takes', async () => {
    const state = withScans('1');
    let body: unknown;
    await syncQueue(state, async (scans) => {
      body = scans;
      return { results: [] };
    });
    expect(body).toEqual([{ ticket: ticketFor('1'), nonce: 'n0', scannedAt: '2026-12-01T09:00:00.000Z', deviceId: 'd-test' }]);
  });
});

describe('text encoder fallback (WeChat has none)', () => {
  it('encodes like the platform one', () => {
    for (const s of ['T1.a.b.sig', '签到 ✓', '𠮷']) expect(new Utf8Encoder().encode(s)).toEqual(new TextEncoder().encode(s));
  });
});
