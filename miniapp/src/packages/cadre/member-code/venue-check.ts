// Checking a member code at a venue: the server's verdict when it answers, else the phone's own
// with the public key kept from the last time online (docs/member-card.md "Offline at the venue").
import { ApiError, request } from '../../../services/api';
import { ZMemberCodeKey, ZMemberCodeVerifyResponse } from '../../../services/contract';
import { readJson, STORAGE_KEYS, taroStore, writeJson, type KeyValueStore } from '../../../services/storage';
import { z } from '../../../../../shared/zod.js';
import { base64UrlToBytes } from '../../../../../shared/domain/tickets.js';
import { checkMemberCode, nowSeconds, MEMBERSHIP_STATUS_LABELS, MEMBER_CODE_REFUSAL_LABELS } from '../../../../../shared/domain/member-codes.js';

/** An online check waits this long before the phone decides by itself. */
export const ONLINE_CHECK_TIMEOUT_MS = 4000;

export const memberCodeApi = {
  verify: (code: string) => request({ method: 'POST', path: '/member-codes/verify', body: { code }, schema: ZMemberCodeVerifyResponse, retry: true, retries: 0, timeoutMs: ONLINE_CHECK_TIMEOUT_MS }),
  key: () => request({ path: '/member-codes/key', schema: ZMemberCodeKey, retries: 0, timeoutMs: 6000 }),
};

const ZKeptKey = z.object({ publicKey: z.string(), clockOffsetMs: z.number(), savedAt: z.string() });
export type KeptKey = z.infer<typeof ZKeptKey>;

export function readVenueKey(store: KeyValueStore = taroStore): KeptKey | null {
  return readJson(store, STORAGE_KEYS.memberCodeKey, ZKeptKey.nullable(), null);
}

/** Keeps the server's public key and the clock offset for checks without network. */
export async function refreshVenueKey(store: KeyValueStore = taroStore): Promise<KeptKey | null> {
  try {
    const key = await memberCodeApi.key();
    const kept = { publicKey: key.publicKey, clockOffsetMs: Date.parse(key.serverTime) - Date.now(), savedAt: new Date().toISOString() };
    writeJson(store, STORAGE_KEYS.memberCodeKey, kept);
    return kept;
  } catch {
    return readVenueKey(store);
  }
}

export type VenueVerdict = {
  tone: 'ok' | 'warn' | 'bad';
  title: string;
  name?: string;
  memberNo?: string;
  orgName?: string;
  status?: string;
  detail?: string;
  offline?: boolean;
};

/** The phone's own verdict: both signatures and the age, with the kept key. */
export function judgeOffline(code: string, kept: KeptKey | null, nowMs = Date.now()): VenueVerdict {
  const key = kept ? base64UrlToBytes(kept.publicKey) : null;
  if (!kept || !key || key.length !== 32) return { tone: 'warn', title: '网络不佳', detail: '本机尚未保存核验密钥，请联网后再试', offline: true };
  const verdict = checkMemberCode(code, key, nowSeconds(kept.clockOffsetMs, nowMs));
  if (!verdict.ok) {
    const expired = verdict.reason === 'expired' || verdict.reason === 'certificate_expired';
    return { tone: 'bad', title: expired ? '已过期' : '无效', detail: MEMBER_CODE_REFUSAL_LABELS[verdict.reason], offline: true };
  }
  const c = verdict.claims;
  return {
    tone: c.status === 'active' ? 'ok' : 'warn',
    title: c.status === 'active' ? '有效' : '会籍已终止',
    name: c.holder.name,
    memberNo: c.holder.memberNo,
    status: MEMBERSHIP_STATUS_LABELS[c.status],
    detail: '本机核验：无法确认会员卡签发后的变化，联网后以服务器为准',
    offline: true,
  };
}

/** Online first; a network failure (not a verdict) falls back to the phone's own check. */
export async function checkAtVenue(code: string, store: KeyValueStore = taroStore): Promise<VenueVerdict> {
  const text = code.trim();
  if (!text) return { tone: 'warn', title: '请先扫码或粘贴会员码' };
  try {
    const r = await memberCodeApi.verify(text);
    const active = r.member.status === 'active';
    return {
      tone: active ? 'ok' : 'warn',
      title: active ? '有效' : '会籍已终止',
      name: r.member.name,
      memberNo: r.member.memberNoMasked,
      orgName: r.member.orgName,
      status: MEMBERSHIP_STATUS_LABELS[r.member.status],
    };
  } catch (err) {
    if (err instanceof ApiError && err.code === 'TICKET_INVALID') {
      return { tone: 'bad', title: err.message.includes('过期') ? '已过期' : '无效', detail: err.message };
    }
    if (err instanceof ApiError && (err.code === 'NETWORK' || err.code === 'UNAVAILABLE')) return judgeOffline(text, readVenueKey(store));
    return { tone: 'warn', title: '无法核验', detail: err instanceof ApiError ? err.message : '请稍后再试' };
  }
}
