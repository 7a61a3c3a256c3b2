// E-tickets: "T1.<registration>.<activity>.<signature>" (≈100 characters, under the contract's 200).
// The server signs with Ed25519; anyone holding only the public key verifies, so a scanner
// at a door with no signal decides on the phone. ids are base36, the signature base64url.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

ed.hashes.sha512 = sha512;

export const TICKET_VERSION = 'T1';

export type TicketClaims = { registrationId: string; activityId: string };

function toBase36(id: string): string {
  return BigInt(id).toString(36);
}

function fromBase36(s: string): string | null {
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

function ticketMessage(claims: TicketClaims): string {
  return `${TICKET_VERSION}.${toBase36(claims.registrationId)}.${toBase36(claims.activityId)}`;
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
  if (parts.length !== 4 || parts[0] !== TICKET_VERSION) return null;
  const registrationId = fromBase36(parts[1]);
  const activityId = fromBase36(parts[2]);
  const signature = base64UrlToBytes(parts[3]);
  if (!registrationId || !activityId || !signature || signature.length !== 64) return null;
  // Re-encoding must give the same text: no leading zeros, no alternate spellings.
  if (toBase36(registrationId) !== parts[1] || toBase36(activityId) !== parts[2]) return null;
  return { claims: { registrationId, activityId }, message: `${parts[0]}.${parts[1]}.${parts[2]}`, signature };
}

/** The claims of a genuine ticket, or null for anything forged, altered or unreadable. */
export function verifyTicket(ticket: string, publicKey: Uint8Array): TicketClaims | null {
  const parsed = parseTicket(ticket);
  if (!parsed) return null;
  try {
    return ed.verify(parsed.signature, new TextEncoder().encode(parsed.message), publicKey) ? parsed.claims : null;
  } catch {
    return null;
  }
}

export function ticketPublicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}
