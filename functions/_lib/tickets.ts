import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { parseTicket, bytesToBase64Url, ticketMessage, type TicketClaims } from '../../shared/domain/tickets.js';
import type { Config } from './config.js';

// Signing happens on every list of tickets, so the server signs with node:crypto (native);
// Ed25519 is deterministic, so the text equals shared/domain/tickets.ts signTicket's.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new WeakMap<Uint8Array, KeyObject>();
const publicKeys = new WeakMap<Uint8Array, KeyObject>();

function privateKey(seed: Uint8Array): KeyObject {
  let key = keys.get(seed);
  if (!key) {
    key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    keys.set(seed, key);
  }
  return key;
}

/**
 * The QR text for a confirmed registration: signed with the server's Ed25519 key. With a holder
 * (masked name and member number) it is a T2 ticket an offline scanner can name; without, T1.
 */
export function issueTicket(config: Pick<Config, 'ticketSecretKey'>, claims: TicketClaims): string {
  const message = ticketMessage(claims);
  const signature = sign(null, Buffer.from(message), privateKey(config.ticketSecretKey));
  return `${message}.${bytesToBase64Url(signature)}`;
}

function publicKey(raw: Uint8Array): KeyObject {
  let key = publicKeys.get(raw);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
    publicKeys.set(raw, key);
  }
  return key;
}

/** The claims of a genuine ticket, or null: the same rules as the offline scanner's verifyTicket, natively. */
export function readTicket(config: Pick<Config, 'ticketPublicKey'>, ticket: string): TicketClaims | null {
  const parsed = parseTicket(ticket);
  if (!parsed) return null;
  return verify(null, Buffer.from(parsed.message), publicKey(config.ticketPublicKey), Buffer.from(parsed.signature)) ? parsed.claims : null;
}

/** What offline scanners download: the public key only, never the signing key. */
export function ticketPublicKeyBase64Url(config: Pick<Config, 'ticketPublicKey'>): string {
  return bytesToBase64Url(config.ticketPublicKey);
}

// ---------- member codes (issue #15): the same native Ed25519, for certificates and device keys ----------
/** Ed25519 over `message` with a 32-byte seed, natively (deterministic: equals @noble/ed25519's). */
export function signNative(message: Uint8Array, seed: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey(seed)));
}

/** The public key of a 32-byte seed, natively. */
export function publicKeyNative(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKey(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_ED25519_PREFIX.length));
}

/** shared/domain/member-codes.ts's SignatureCheck, natively. A key seen once (a device key) is not cached. */
export function verifyNative(signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean {
  try {
    const k = publicKeys.get(key) ?? createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, key]), format: 'der', type: 'spki' });
    return verify(null, message, k, signature);
  } catch {
    return false;
  }
}
