// The member card page's logic: the phone's copy first, the server's answer when there is one,
// and the code redrawn on the refresh grid from the certified device key (docs/member-card.md).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorCode, errorMessage } from '../services/api';
import { readCard, rememberCard, type CachedCard } from '../services/card-cache';
import { codeIssuedAt, codeSlot, deviceKeyFromText, nowSeconds, signMemberCode, CODE_REFRESH_SECONDS } from '../../../shared/domain/member-codes.js';

export type CardCode = { code: string; issuedAt: number } | { code: null; reason: 'certificate_expired' | 'unreadable' };

/** The code to show now: signed on the phone with the device key, dated by the server's clock. */
export function currentCode(cached: CachedCard, nowMs = Date.now()): CardCode {
  const key = deviceKeyFromText(cached.card.deviceKey);
  if (!key) return { code: null, reason: 'unreadable' };
  const now = nowSeconds(cached.clockOffsetMs, nowMs);
  if (now >= Date.parse(cached.card.certificateExpiresAt) / 1000) return { code: null, reason: 'certificate_expired' };
  const issuedAt = codeSlot(now);
  // The server's own code for this slot needs no signing: the phone's first Ed25519 signature
  // (building its tables) costs a few hundred ms without a JIT, so it waits for the next slot.
  if (codeIssuedAt(cached.card.code) === issuedAt) return { code: cached.card.code, issuedAt };
  try {
    return { code: signMemberCode(cached.card.certificate, key, issuedAt), issuedAt };
  } catch {
    return { code: null, reason: 'unreadable' };
  }
}

export type MemberCardState = {
  cached: CachedCard | null;
  code: CardCode | null;
  loading: boolean;
  /** shown from the phone's copy because the server could not be reached */
  offline: boolean;
  error: { code?: string; message: string } | null;
  reload: () => Promise<void>;
};

export function useMemberCard(): MemberCardState {
  const [cached, setCached] = useState<CachedCard | null>(() => readCard());
  const [loading, setLoading] = useState(true);
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<MemberCardState['error']>(null);
  const [tick, setTick] = useState(0);
  const live = useRef(true);

  const reload = useCallback(async () => {
    try {
      const card = await api.card();
      if (!live.current) return;
      setCached(rememberCard(card));
      setOffline(false);
      setError(null);
    } catch (err) {
      if (!live.current) return;
      const code = errorCode(err);
      setOffline(code === 'NETWORK' || code === 'UNAVAILABLE');
      setError({ code, message: errorMessage(err) });
    } finally {
      if (live.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    live.current = true;
    void reload();
    return () => {
      live.current = false;
    };
  }, [reload]);

  // A new code on the refresh grid: checked every few seconds so the switch is never late.
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), 5000);
    return () => clearInterval(t);
  }, []);
  const slot = cached ? codeSlot(nowSeconds(cached.clockOffsetMs)) : 0;
  const [code, setCode] = useState<CardCode | null>(null);
  useEffect(() => {
    setCode(cached ? currentCode(cached) : null);
    // `tick` only wakes this up; the code changes when the slot (or the card) does.
  }, [cached, slot]);
  void tick;

  return { cached, code, loading, offline, error, reload };
}

export { CODE_REFRESH_SECONDS };
