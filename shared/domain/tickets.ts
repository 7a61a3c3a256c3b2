// E-tickets: "T2.<registration>.<activity>.<holder>.<signature>" (≤ 160 characters, under the
// contract's 200), and the older "T1.<registration>.<activity>.<signature>" still accepted.
// The server signs with Ed25519; anyone holding only the public key verifies, so a scanner
// at a door with no signal decides on the phone. ids are base36, holder and signature base64url.
// The holder (masked name and masked member number, signed with the rest) lets an offline scanner
// say who a ticket belongs to even when the registration is newer than its downloaded pack.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { fixedKeyVerifier } from './ed25519-fixed-key.js';

ed.hashes.sha512 = sha512;

export const TICKET_VERSION = 'T1';
export const TICKET_VERSION_WITH_HOLDER = 'T2';

/** Who the ticket is for, as a door may show it to anyone holding the QR code: masked. */
export type TicketHolder = { name: string; memberNo: string };
export type TicketClaims = { registrationId: string; activityId: string; holder?: TicketHolder };

export function toBase36(id: string): string {
  return BigInt(id).toString(36);
}

export function fromBase36(s: string): string | null {
  if (!/^[0-9a-z]{1,13}$/.test(s)) return null;
  let n = 0n;
  for (const ch of s) n = n * 36n + BigInt(parseInt(ch, 36));
  if (n <= 0n || n > 9223372036854775807n) return null;
  return n.toString();
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function bytesToBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let j = 0; j < chars; j++) out += B64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

export function base64UrlToBytes(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let k = 0;
  for (const ch of s) {
    acc = (acc << 6) | B64URL.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  // Non-canonical trailing bits would let two strings carry one signature.
  if ((acc & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

// UTF-8 by hand: WeChat's runtime has no TextDecoder. Strict: an overlong or broken sequence is null.
function utf8Encode(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return new Uint8Array(out);
}

function utf8Decode(bytes: Uint8Array): string | null {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return null;
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (c & 63);
    }
    if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return null;
    out += String.fromCodePoint(cp);
    i += n + 1;
  }
  // Re-encoding must give the same bytes: no overlong forms, no surrogates smuggled in.
  const again = utf8Encode(out);
  if (again.length !== bytes.length || again.some((v, k) => v !== bytes[k])) return null;
  return out;
}

const HOLDER_SEPARATOR = '~';

/**
 * The holder as a ticket carries it: the name masked like 张*伟 (first and last character kept,
 * at most three stars) and the member number as the roster masks it. Bounded, so a ticket stays
 * far under 200 characters whatever the name.
 */
export function ticketHolder(name: string, memberNoMasked: string): TicketHolder {
  const chars = Array.from(name.trim().replace(/~/g, ''));
  const masked = chars.length <= 1 ? chars.join('') : chars.length === 2 ? `${chars[0]}*` : `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars[chars.length - 1]}`;
  return { name: masked, memberNo: memberNoMasked.replace(/~/g, '').slice(-12) };
}

export function encodeHolder(holder: TicketHolder): string {
  return bytesToBase64Url(utf8Encode(`${holder.name}${HOLDER_SEPARATOR}${holder.memberNo}`));
}

export function decodeHolder(segment: string): TicketHolder | null {
  if (segment.length > 64) return null;
  const bytes = base64UrlToBytes(segment);
  const text = bytes && utf8Decode(bytes);
  if (!text) return null;
  const parts = text.split(HOLDER_SEPARATOR);
  if (parts.length !== 2 || !parts[0] || Array.from(parts[0]).length > 5 || parts[1].length > 12) return null;
  return { name: parts[0], memberNo: parts[1] };
}

/** The signed part of a ticket: everything before the last dot. */
export function ticketMessage(claims: TicketClaims): string {
  const ids = `${toBase36(claims.registrationId)}.${toBase36(claims.activityId)}`;
  return claims.holder ? `${TICKET_VERSION_WITH_HOLDER}.${ids}.${encodeHolder(claims.holder)}` : `${TICKET_VERSION}.${ids}`;
}

export function signTicket(claims: TicketClaims, secretKey: Uint8Array): string {
  const message = ticketMessage(claims);
  const sig = ed.sign(new TextEncoder().encode(message), secretKey);
  return `${message}.${bytesToBase64Url(sig)}`;
}

/** A ticket taken apart, before any signature check; null when it cannot be a ticket at all. */
export function parseTicket(ticket: string): { claims: TicketClaims; message: string; signature: Uint8Array } | null {
  if (typeof ticket !== 'string' || ticket.length > 200) return null;
  const parts = ticket.trim().split('.');
  const withHolder = parts.length === 5 && parts[0] === TICKET_VERSION_WITH_HOLDER;
  if (!withHolder && (parts.length !== 4 || parts[0] !== TICKET_VERSION)) return null;
  const registrationId = fromBase36(parts[1]);
  const activityId = fromBase36(parts[2]);
  const holder = withHolder ? decodeHolder(parts[3]) : undefined;
  const signature = base64UrlToBytes(parts[parts.length - 1]);
  if (!registrationId || !activityId || holder === null || !signature || signature.length !== 64) return null;
  // Re-encoding must give the same text: no leading zeros, no alternate spellings.
  if (toBase36(registrationId) !== parts[1] || toBase36(activityId) !== parts[2]) return null;
  const claims: TicketClaims = holder ? { registrationId, activityId, holder } : { registrationId, activityId };
  return { claims, message: parts.slice(0, -1).join('.'), signature };
}

/** The claims of a genuine ticket, or null for anything forged, altered or unreadable. */
export function verifyTicket(ticket: string, publicKey: Uint8Array): TicketClaims | null {
  const parsed = parseTicket(ticket);
  if (!parsed) return null;
  try {
    return ed.verify(parsed.signature, utf8Encode(parsed.message), publicKey) ? parsed.claims : null;
  } catch {
    return null;
  }
}

/**
 * verifyTicket for many tickets under one key (an offline door and its activity's key): the same
 * verdicts, several times faster per ticket after a one-off table for the key (ed25519-fixed-key.ts).
 */
export function ticketVerifier(publicKey: Uint8Array): (ticket: string) => TicketClaims | null {
  const verify = fixedKeyVerifier(publicKey);
  return (ticket) => {
    const parsed = parseTicket(ticket);
    return parsed && verify(parsed.signature, utf8Encode(parsed.message)) ? parsed.claims : null;
  };
}

export function ticketPublicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}
