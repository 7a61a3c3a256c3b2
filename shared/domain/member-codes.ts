// The member code (电子会员卡的会员码): the rule, in one place, for the server, the member's phone
// and the venue's phone. Design and threat notes: docs/member-card.md.
//
//   certificate = "MC1.<member>.<user>.<expires>.<status>.<holder>.<devicePublicKey>.<serverSignature>"
//   code        = "<certificate>.<issuedAt>.<deviceSignature>"
//
// The server (GET /api/me/card) makes a fresh Ed25519 device key for the phone and certifies its
// public key for CERT_TTL_SECONDS with the ticket signing key (the same key tickets use; the "MC1"
// prefix keeps the two kinds of message apart). The phone signs "<certificate>.<issuedAt>" with the
// device key every CODE_REFRESH_SECONDS, so the code changes even without network; anyone holding
// the server's public key checks both signatures and the age, online or not.
// ids and seconds are base36, keys and signatures base64url: ASCII only, so no TextEncoder is
// needed (WeChat's runtime has none).
import * as ed from '@noble/ed25519';
import { base64UrlToBytes, bytesToBase64Url, decodeHolder, encodeHolder, fromBase36, toBase36, ticketHolder, type TicketHolder } from './tickets.js';

export const MEMBER_CODE_VERSION = 'MC1';
/** A code older than this is refused: a screenshot or a photo of the screen. */
export const CODE_MAX_AGE_SECONDS = 120;
/** The phone draws a new code this often, so the code shown is never older than this. */
export const CODE_REFRESH_SECONDS = 30;
/** A code dated this far ahead of the checker's clock is still taken (clocks differ a little). */
export const CODE_FUTURE_SKEW_SECONDS = 30;
/** How long a phone's device key is certified: the card keeps making codes offline this long. */
export const CERT_TTL_SECONDS = 24 * 3600;

export type MembershipStatus = 'active' | 'ended';
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = { active: '正常', ended: '会籍已终止' };

export type MemberCertificate = {
  memberId: string;
  userId: string;
  /** seconds since the epoch after which no code of this certificate is taken */
  expiresAt: number;
  status: MembershipStatus;
  /** masked name and member number, as any passer-by may see them */
  holder: TicketHolder;
  devicePublicKey: Uint8Array;
};

export type MemberCodeClaims = MemberCertificate & { issuedAt: number };

export type MemberCodeRefusal = 'unreadable' | 'forged' | 'expired' | 'not_yet_valid' | 'certificate_expired';

export type SignatureCheck = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

const STATUS_CHAR: Record<MembershipStatus, string> = { active: 'a', ended: 'e' };

/** ASCII text as bytes: every character of a member code is ASCII (checked by the parser). */
export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** The holder a card carries: the same masking as a T2 ticket's. */
export function memberCodeHolder(name: string, memberNoMasked: string): TicketHolder {
  return ticketHolder(name, memberNoMasked);
}

/** The part of a certificate the server signs. */
export function certificateMessage(c: MemberCertificate): string {
  return [
    MEMBER_CODE_VERSION,
    toBase36(c.memberId),
    toBase36(c.userId),
    Math.floor(c.expiresAt).toString(36),
    STATUS_CHAR[c.status],
    encodeHolder(c.holder),
    bytesToBase64Url(c.devicePublicKey),
  ].join('.');
}

export function joinCertificate(message: string, serverSignature: Uint8Array): string {
  return `${message}.${bytesToBase64Url(serverSignature)}`;
}

/** The part of a code the device signs: the whole certificate and the moment. */
export function codeMessage(certificate: string, issuedAt: number): string {
  return `${certificate}.${Math.floor(issuedAt).toString(36)}`;
}

export function joinCode(certificate: string, issuedAt: number, deviceSignature: Uint8Array): string {
  return `${codeMessage(certificate, issuedAt)}.${bytesToBase64Url(deviceSignature)}`;
}

/** The phone's side: a code for `issuedAt` (seconds), signed with the device key's 32-byte seed. */
export function signMemberCode(certificate: string, deviceSecretKey: Uint8Array, issuedAt: number): string {
  const sig = ed.sign(asciiBytes(codeMessage(certificate, issuedAt)), deviceSecretKey);
  return joinCode(certificate, issuedAt, sig);
}

/** The device key's public half (the server certifies it; tests make keys with it). */
export function devicePublicKey(deviceSecretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(deviceSecretKey);
}

function secondsFrom36(s: string): number | null {
  if (!/^[0-9a-z]{1,8}$/.test(s)) return null;
  const n = parseInt(s, 36);
  return Number.isSafeInteger(n) && n > 0 && n.toString(36) === s ? n : null;
}

export type ParsedMemberCode = {
  claims: MemberCodeClaims;
  certificateMessage: string;
  serverSignature: Uint8Array;
  codeMessage: string;
  deviceSignature: Uint8Array;
};

/** A code taken apart, before any signature check; null when it cannot be a member code. */
export function parseMemberCode(code: string): ParsedMemberCode | null {
  if (typeof code !== 'string' || code.length > 400) return null;
  const text = code.trim();
  if (!/^[A-Za-z0-9_~.-]+$/.test(text)) return null;
  const p = text.split('.');
  if (p.length !== 10 || p[0] !== MEMBER_CODE_VERSION) return null;
  const memberId = fromBase36(p[1]);
  const userId = fromBase36(p[2]);
  const expiresAt = secondsFrom36(p[3]);
  const status = p[4] === 'a' ? 'active' : p[4] === 'e' ? 'ended' : null;
  const holder = decodeHolder(p[5]);
  const devicePublicKey = base64UrlToBytes(p[6]);
  const serverSignature = base64UrlToBytes(p[7]);
  const issuedAt = secondsFrom36(p[8]);
  const deviceSignature = base64UrlToBytes(p[9]);
  if (!memberId || !userId || !expiresAt || !status || !holder || !issuedAt) return null;
  if (devicePublicKey?.length !== 32 || serverSignature?.length !== 64 || deviceSignature?.length !== 64) return null;
  // Re-encoding must give the same text: one spelling per code.
  if (toBase36(memberId) !== p[1] || toBase36(userId) !== p[2]) return null;
  return {
    claims: { memberId, userId, expiresAt, status, holder, devicePublicKey, issuedAt },
    certificateMessage: p.slice(0, 7).join('.'),
    serverSignature,
    codeMessage: p.slice(0, 9).join('.'),
    deviceSignature,
  };
}

/** The certificate part of a code or of a certificate string: what the phone keeps. */
export function parseCertificate(certificate: string): { message: string; claims: MemberCertificate } | null {
  const parsed = parseMemberCode(`${certificate}.1.${'A'.repeat(86)}`);
  if (!parsed) return null;
  const { issuedAt: _issuedAt, ...claims } = parsed.claims;
  return { message: parsed.certificateMessage, claims };
}

const nobleCheck: SignatureCheck = (signature, message, publicKey) => {
  try {
    return ed.verify(signature, message, publicKey);
  } catch {
    return false;
  }
};

/**
 * The one verdict on a member code, for the server and the offline venue alike: both signatures
 * (the server's over the certificate, the certified device key's over the moment), then the clock.
 * `now` is the checker's clock in seconds. The server passes a native signature check; phones use
 * @noble/ed25519.
 */
export function checkMemberCode(
  code: string,
  serverPublicKey: Uint8Array,
  now: number,
  verify: SignatureCheck = nobleCheck,
): { ok: true; claims: MemberCodeClaims } | { ok: false; reason: MemberCodeRefusal } {
  const parsed = parseMemberCode(code);
  if (!parsed) return { ok: false, reason: 'unreadable' };
  if (!verify(parsed.serverSignature, asciiBytes(parsed.certificateMessage), serverPublicKey)) return { ok: false, reason: 'forged' };
  if (!verify(parsed.deviceSignature, asciiBytes(parsed.codeMessage), parsed.claims.devicePublicKey)) return { ok: false, reason: 'forged' };
  const { issuedAt, expiresAt } = parsed.claims;
  // A device key is certified for CERT_TTL_SECONDS: nothing it signed before it was made, or after, counts.
  if (issuedAt > expiresAt || issuedAt < expiresAt - CERT_TTL_SECONDS - CODE_FUTURE_SKEW_SECONDS) return { ok: false, reason: 'certificate_expired' };
  if (now - issuedAt > CODE_MAX_AGE_SECONDS) return { ok: false, reason: now > expiresAt + CODE_MAX_AGE_SECONDS ? 'certificate_expired' : 'expired' };
  if (issuedAt - now > CODE_FUTURE_SKEW_SECONDS) return { ok: false, reason: 'not_yet_valid' };
  return { ok: true, claims: parsed.claims };
}

/** What a venue shows for a refusal (large text on the verdict screen). */
export const MEMBER_CODE_REFUSAL_LABELS: Record<MemberCodeRefusal, string> = {
  unreadable: '无效：不是会员码',
  forged: '无效：会员码被伪造或改动',
  expired: '已过期：请会员刷新会员码（截图无效）',
  not_yet_valid: '无效：会员码时间不对，请核对手机时间',
  certificate_expired: '已过期：请会员联网后重新打开会员卡',
};

/** The moment on a phone, corrected by the offset to the server's clock measured when online. */
export function nowSeconds(offsetMs = 0, nowMs = Date.now()): number {
  return Math.floor((nowMs + offsetMs) / 1000);
}

/** The issuedAt a phone signs now: on the refresh grid, so the code changes every CODE_REFRESH_SECONDS. */
export function codeSlot(nowSecondsValue: number): number {
  return nowSecondsValue - (nowSecondsValue % CODE_REFRESH_SECONDS);
}

/** The time a code says it was made (seconds), unchecked; null when it is no member code. */
export function codeIssuedAt(code: string): number | null {
  return parseMemberCode(code)?.claims.issuedAt ?? null;
}

export function deviceKeyFromText(text: string): Uint8Array | null {
  const bytes = base64UrlToBytes(text);
  return bytes && bytes.length === 32 ? bytes : null;
}
