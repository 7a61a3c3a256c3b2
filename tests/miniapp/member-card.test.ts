// The member card on the phone and the venue's check without network (issue #15): the phone makes
// a new code on the refresh grid from the certified device key, dated by the server's clock; the
// venue's phone judges with the kept public key exactly as the server does.
import { describe, expect, it } from 'vitest';
import { currentCode } from '../../miniapp/src/hooks/use-member-card';
import { toCachedCard } from '../../miniapp/src/services/card-cache';
import { judgeOffline, type KeptKey } from '../../miniapp/src/packages/cadre/member-code/venue-check';
import { asciiBytes, certificateMessage, devicePublicKey, joinCertificate, memberCodeHolder, CERT_TTL_SECONDS } from '../../shared/domain/member-codes';
import { bytesToBase64Url, ticketPublicKeyFromSecret } from '../../shared/domain/tickets';
import * as ed from '@noble/ed25519';
import type { TMemberCard } from '../../shared/schemas';

const serverKey = new Uint8Array(32).fill(9);
const deviceKey = new Uint8Array(32).fill(3);
const T0 = Date.parse('2026-12-01T09:00:10+08:00');

function cardAt(serverMs: number, status: 'active' | 'ended' = 'active'): TMemberCard {
  const expiresAt = Math.floor(serverMs / 1000) + CERT_TTL_SECONDS;
  const message = certificateMessage({ memberId: '42', userId: '7', expiresAt, status, holder: memberCodeHolder('张伟', '******0001'), devicePublicKey: devicePublicKey(deviceKey) });
  const certificate = joinCertificate(message, ed.sign(asciiBytes(message), serverKey));
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  return {
    memberNo: 'ZZ0001', name: '张伟', orgName: '郑州圆方集团工会', joinedOn: '2019-03-08', status, code: 'unused', codeExpiresAt: iso(serverMs + 120_000),
    certificate, deviceKey: bytesToBase64Url(deviceKey), certificateExpiresAt: iso(expiresAt * 1000), serverTime: iso(serverMs), codeRefreshSeconds: 30, memberNoMasked: '******0001',
  };
}
const kept: KeptKey = { publicKey: bytesToBase64Url(ticketPublicKeyFromSecret(serverKey)), clockOffsetMs: 0, savedAt: '2026-12-01T08:00:00+08:00' };

describe('the member code on the phone', () => {
  it('changes on the 30-second grid and stays the same within one slot', () => {
    const cached = toCachedCard(cardAt(T0), T0);
    const a = currentCode(cached, T0);
    const b = currentCode(cached, T0 + 15_000);
    const c = currentCode(cached, T0 + 25_000);
    expect(a.code).toBe(b.code);
    expect(c.code).not.toBe(a.code);
  });

  it('dates its codes by the server clock even when the phone clock is five minutes wrong', () => {
    const phoneMs = T0 + 5 * 60_000;
    const cached = toCachedCard(cardAt(T0), phoneMs);
    const shown = currentCode(cached, phoneMs + 1000);
    expect(shown.code).not.toBeNull();
    expect(judgeOffline(shown.code as string, kept, T0 + 1000)).toMatchObject({ tone: 'ok', title: '有效', name: '张*', memberNo: '******0001', offline: true });
  });

  it('makes no code once the certificate has expired: the card asks to go online', () => {
    const cached = toCachedCard(cardAt(T0), T0);
    expect(currentCode(cached, T0 + (CERT_TTL_SECONDS + 1) * 1000)).toEqual({ code: null, reason: 'certificate_expired' });
  });
});

describe('the venue phone without network', () => {
  it('refuses a three-minute-old code as 已过期 and an altered one as 无效', () => {
    const code = currentCode(toCachedCard(cardAt(T0), T0), T0).code as string;
    expect(judgeOffline(code, kept, T0 + 3 * 60_000)).toMatchObject({ tone: 'bad', title: '已过期' });
    const i = code.length - 20;
    const altered = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
    expect(judgeOffline(altered, kept, T0)).toMatchObject({ tone: 'bad', title: '无效' });
  });

  it('refuses a code whose certificate another key signed', () => {
    const other = { ...kept, publicKey: bytesToBase64Url(ticketPublicKeyFromSecret(new Uint8Array(32).fill(1))) };
    const code = currentCode(toCachedCard(cardAt(T0), T0), T0).code as string;
    expect(judgeOffline(code, other, T0)).toMatchObject({ tone: 'bad', title: '无效' });
  });

  it('shows an ended membership as a warning, and says so when no key was ever kept', () => {
    const code = currentCode(toCachedCard(cardAt(T0, 'ended'), T0), T0).code as string;
    expect(judgeOffline(code, kept, T0)).toMatchObject({ tone: 'warn', title: '会籍已终止' });
    expect(judgeOffline(code, null, T0)).toMatchObject({ tone: 'warn', title: '网络不佳' });
  });
});

describe('the first code shown', () => {
  it('is the server’s own code while its slot lasts, and one the phone signs after', async () => {
    const { signNative } = await import('../../functions/_lib/tickets');
    const card = cardAt(T0);
    const slot = Math.floor(T0 / 1000) - (Math.floor(T0 / 1000) % 30);
    const { codeMessage, joinCode } = await import('../../shared/domain/member-codes');
    card.code = joinCode(card.certificate, slot, signNative(asciiBytes(codeMessage(card.certificate, slot)), deviceKey));
    const cached = toCachedCard(card, T0);
    expect(currentCode(cached, T0).code).toBe(card.code);
    const next = currentCode(cached, T0 + 30_000).code as string;
    expect(next).not.toBe(card.code);
    expect(judgeOffline(next, kept, T0 + 30_000)).toMatchObject({ tone: 'ok' });
  });
});
