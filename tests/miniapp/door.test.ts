// The door's online scan on a weak signal: an answer within 3 s or the offline pack decides; a
// network failure is not a verdict on the ticket.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, setTransport, type TransportRequest } from '../../miniapp/src/services/api';
import { STORAGE_KEYS } from '../../miniapp/src/services/storage';
import { cadreApi } from '../../miniapp/src/packages/cadre/cadre-api';
import { isNetworkTrouble, NETWORK_WAIT_VERDICT, ONLINE_SCAN_TIMEOUT_MS, verdictFromError } from '../../miniapp/src/hooks/use-scan';
import { storage } from './support/taro-stub';

let sent: TransportRequest[];
beforeEach(() => {
  storage.clear();
  storage.set(STORAGE_KEYS.token, 'tok-1');
  sent = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  setTransport(null);
});

describe('an online scan on a weak signal', () => {
  it('gives up after 3 s with NETWORK and does not retry, even when the request never answers', async () => {
    setTransport((req) => {
      sent.push(req);
      return new Promise(() => {});
    });
    const scan = cadreApi.checkIn('8', { ticket: 'T1.1.8.x', nonce: 'n1' }, { timeoutMs: ONLINE_SCAN_TIMEOUT_MS });
    const outcome = scan.then(
      () => 'answered',
      (e: ApiError) => e.code,
    );
    await vi.advanceTimersByTimeAsync(ONLINE_SCAN_TIMEOUT_MS - 1);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(await outcome).toBe('NETWORK');
    expect(sent).toHaveLength(1);
    expect(sent[0].timeout).toBe(ONLINE_SCAN_TIMEOUT_MS);
  });

  it('still retries a check-in without a timeout (a sync, a typed retry) as before', async () => {
    setTransport(async (req) => {
      sent.push(req);
      throw new Error('offline');
    }, async () => {});
    await expect(cadreApi.checkIn('8', { ticket: 'T1.1.8.x', nonce: 'n1' })).rejects.toMatchObject({ code: 'NETWORK' });
    expect(sent).toHaveLength(3);
  });

  it('treats no signal and a failing service as network trouble, and a forged ticket as a refusal', () => {
    for (const code of ['NETWORK', 'UNAVAILABLE', 'BAD_RESPONSE', 'INTERNAL'] as const) expect(isNetworkTrouble({ code, message: '' })).toBe(true);
    for (const code of ['TICKET_INVALID', 'FORBIDDEN', 'WRONG_ACTIVITY'] as const) expect(isNetworkTrouble({ code, message: '' })).toBe(false);
    expect(verdictFromError({ code: 'TICKET_INVALID', message: '' }).tone).toBe('bad');
    expect(NETWORK_WAIT_VERDICT).toMatchObject({ tone: 'calm', title: '网络不佳' });
  });
});
