// Ed25519 verification for many signatures under one public key: the offline door checks every
// ticket of an activity against that activity's key. @noble/ed25519's verify() spends most of its
// time on [k]A, a plain double-and-add over the public key A (about 250 doublings and 125 additions),
// and on decoding A again for every signature. Here A is decoded once and a window table of its
// multiples is built once per key; each check then needs about 65 table additions for [k]A, and
// [S]B uses the library's own base-point table (Point.BASE.multiply). The equation is the library's
// own, with its default (ZIP-215) rules: the same bytes hashed, S < L required, R and A decoded the
// same way, and the cofactored check [8](R + [k]A - [S]B) = 0. Group arithmetic gives the same
// point whichever way [k]A is computed, so every verdict equals ed.verify's
// (tests/unit/ed25519-fixed-key.test.ts compares them on valid, altered and malicious signatures).
// No BigInt `**` (WeChat's upload compile breaks it), no TextEncoder, no crypto: it runs in WeChat.
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';

type Point = InstanceType<typeof ed.Point>;

const { Point: EdPoint } = ed;
/** The group order L. */
const L = EdPoint.CURVE().n;
/** Window width in bits: 65 windows of 8 points each (520 points, built in ~520 additions). */
const W = 4;
const WINDOWS = Math.ceil(256 / W) + 1;
const HALF = 1 << (W - 1);
const FULL = 1 << W;
const MASK = BigInt(FULL - 1);
const SHIFT = BigInt(W);

/** For each window w, the multiples 1·2^(wW)·A … HALF·2^(wW)·A (signed digits need no more). */
function windowTable(a: Point): Point[] {
  const points: Point[] = [];
  let base = a;
  for (let w = 0; w < WINDOWS; w++) {
    let b = base;
    points.push(b);
    for (let i = 1; i < HALF; i++) {
      b = b.add(base);
      points.push(b);
    }
    base = b.double(); // HALF·base doubled: the next window's 2^W·base
  }
  return points;
}

/** [n]A for 0 ≤ n < 2^256 from A's window table (signed W-bit digits). */
function multiplyWithTable(table: Point[], n: bigint): Point {
  let acc = EdPoint.ZERO;
  for (let w = 0; w < WINDOWS; w++) {
    let digit = Number(n & MASK);
    n >>= SHIFT;
    if (digit > HALF) {
      digit -= FULL;
      n += 1n;
    }
    if (digit !== 0) {
      const q = table[w * HALF + Math.abs(digit) - 1];
      acc = acc.add(digit < 0 ? q.negate() : q);
    }
  }
  if (n !== 0n) throw new Error('scalar too large for the window table');
  return acc;
}

function bytesToNumberLE(bytes: Uint8Array): bigint {
  let hex = '';
  for (let i = bytes.length - 1; i >= 0; i--) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return hex ? BigInt('0x' + hex) : 0n;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The library builds its base-point table at the first [S]B; this builds it now instead. */
export function prepareBasePoint(): void {
  EdPoint.BASE.multiply(2n, false);
}

export type FixedKeyVerifier = (signature: Uint8Array, message: Uint8Array) => boolean;

/**
 * A verifier for signatures under `publicKey`, answering exactly as
 * `ed.verify(signature, message, publicKey)` does (false where that throws). Building it costs
 * about what a few verifications cost; keep it for as long as the key is in use.
 */
export function fixedKeyVerifier(publicKey: Uint8Array): FixedKeyVerifier {
  let table: Point[] | null = null;
  const key = Uint8Array.from(publicKey);
  try {
    if (key.length === 32) table = windowTable(EdPoint.fromBytes(key, true));
  } catch {
    table = null; // not a point: nothing verifies under it, as with ed.verify
  }
  return (signature, message) => {
    if (!table || signature.length !== 64) return false;
    try {
      const r = signature.subarray(0, 32);
      const s = bytesToNumberLE(signature.subarray(32, 64));
      if (s >= L) return false; // non-canonical S: refused, as the library refuses it
      const R = EdPoint.fromBytes(r, true);
      const SB = EdPoint.BASE.multiply(s, false);
      const k = bytesToNumberLE(sha512(concat(r, key, message))) % L;
      return R.add(multiplyWithTable(table, k)).subtract(SB).clearCofactor().is0();
    } catch {
      return false;
    }
  };
}
