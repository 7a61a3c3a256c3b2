// The offline door's fast Ed25519 check (one window table per activity key) must give exactly the
// verdicts of @noble/ed25519's own verify(), on genuine signatures and on every kind of bad one:
// altered messages and signatures, another key, S not reduced below L, small-order keys and R,
// R or A carrying a small-order component, encodings that are not canonical, keys that are no point.
import { describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { fixedKeyVerifier } from '../../shared/domain/ed25519-fixed-key.js';
import { signTicket, ticketVerifier, verifyTicket } from '../../shared/domain/tickets.js';

ed.hashes.sha512 = sha512;

const L = ed.Point.CURVE().n;
const P = ed.Point.CURVE().p;

/** A deterministic byte stream, so that a failure can be replayed. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}
const bytes = rng(20261130);

const libraryVerdict = (sig: Uint8Array, msg: Uint8Array, key: Uint8Array) => {
  try {
    return ed.verify(sig, msg, key);
  } catch {
    return false;
  }
};

const le = (n: bigint) => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};
const num = (b: Uint8Array) => b.reduceRight((acc, v) => (acc << 8n) | BigInt(v), 0n);
const withS = (sig: Uint8Array, s: bigint) => Uint8Array.from([...sig.subarray(0, 32), ...le(s)]);
const withR = (sig: Uint8Array, r: Uint8Array) => Uint8Array.from([...r, ...sig.subarray(32)]);
const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));

/** The eight points of order dividing 8 (canonical encodings). */
const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
].map(hex);
/** Non-canonical encodings ZIP-215 decodes anyway: y = p (0) and y = p + 1 (1), either sign bit; and x = 0 with the sign bit set. */
const NON_CANONICAL = [le(P), le(P + 1n), le(P | (1n << 255n)), le((P + 1n) | (1n << 255n)), hex('0100000000000000000000000000000000000000000000000000000000000080')];

/** Both verifiers on one case; returns the verdict, so a test can also say which it must be. */
function same(sig: Uint8Array, msg: Uint8Array, key: Uint8Array, verifier = fixedKeyVerifier(key)): boolean {
  const expected = libraryVerdict(sig, msg, key);
  expect(verifier(sig, msg), `key ${Buffer.from(key).toString('hex')} sig ${Buffer.from(sig).toString('hex')}`).toBe(expected);
  return expected;
}

describe('verifying many signatures under one key with a precomputed table', () => {
  it('accepts every genuine signature the library accepts: 5 keys × 40 messages of 0–200 bytes', () => {
    for (let k = 0; k < 5; k++) {
      const secret = bytes(32);
      const key = ed.getPublicKey(secret);
      const verify = fixedKeyVerifier(key);
      for (let i = 0; i < 40; i++) {
        const msg = bytes((i * 37) % 201);
        expect(same(ed.sign(msg, secret), msg, key, verify)).toBe(true);
      }
    }
  });

  it('refuses what the library refuses: a changed message, any changed bit of the signature, another key', () => {
    const secret = bytes(32);
    const key = ed.getPublicKey(secret);
    const other = ed.getPublicKey(bytes(32));
    const verify = fixedKeyVerifier(key);
    const verifyOther = fixedKeyVerifier(other);
    for (let i = 0; i < 30; i++) {
      const msg = bytes(20 + i);
      const sig = ed.sign(msg, secret);
      const changedMsg = Uint8Array.from(msg);
      changedMsg[i % msg.length] ^= 1 << i % 8;
      expect(same(sig, changedMsg, key, verify)).toBe(false);
      const changedSig = Uint8Array.from(sig);
      changedSig[(i * 7) % 64] ^= 1 << (i * 3) % 8;
      expect(same(changedSig, msg, key, verify)).toBe(false);
      expect(same(sig, msg, other, verifyOther)).toBe(false);
      expect(same(bytes(64), msg, key, verify)).toBe(false);
    }
  });

  it('refuses S not reduced below L (S + L makes the same equation true), as the library does', () => {
    const secret = bytes(32);
    const key = ed.getPublicKey(secret);
    const verify = fixedKeyVerifier(key);
    for (let i = 0; i < 10; i++) {
      const msg = bytes(40);
      const sig = ed.sign(msg, secret);
      const s = num(sig.subarray(32));
      expect(same(sig, msg, key, verify)).toBe(true);
      expect(same(withS(sig, s + L), msg, key, verify)).toBe(false);
      expect(same(withS(sig, L), msg, key, verify)).toBe(false);
      expect(same(withS(sig, (1n << 256n) - 1n), msg, key, verify)).toBe(false);
    }
  });

  it('answers as the library for small-order keys and R, and for S = 0 (which ZIP-215 accepts with both small)', () => {
    const msg = bytes(33);
    let accepted = 0;
    for (const key of [...SMALL_ORDER, ...NON_CANONICAL]) {
      const verify = fixedKeyVerifier(key);
      for (const r of [...SMALL_ORDER, ...NON_CANONICAL]) {
        for (const s of [0n, 1n, L - 1n]) if (same(Uint8Array.from([...r, ...le(s)]), msg, key, verify)) accepted++;
      }
    }
    // The cofactored equation accepts these degenerate signatures; the fast check must too.
    expect(accepted).toBeGreaterThan(0);
  });

  it('answers as the library when R or the key carries a small-order component (cofactored check)', () => {
    // Signatures made by hand with a known scalar a: R = [r]B + T1, A = [a]B + T2, S = r + k·a.
    // Then R + [k]A − [S]B = T1 + [k]T2, of order dividing 8: the cofactored check accepts them all.
    const torsion = SMALL_ORDER.map((b) => ed.Point.fromBytes(b, true));
    const B = ed.Point.BASE;
    let accepted = 0;
    for (const t1 of torsion) {
      for (const t2 of torsion) {
        const a = (num(bytes(32)) % (L - 1n)) + 1n;
        const r = (num(bytes(32)) % (L - 1n)) + 1n;
        const key = B.multiply(a).add(t2).toBytes();
        const R = B.multiply(r).add(t1).toBytes();
        const msg = bytes(25);
        const k = num(sha512(Uint8Array.from([...R, ...key, ...msg]))) % L;
        const sig = Uint8Array.from([...R, ...le((r + k * a) % L)]);
        if (same(sig, msg, key)) accepted++;
        // Without the torsion part the same construction is an ordinary genuine signature.
        if (t1.is0() && t2.is0()) expect(libraryVerdict(sig, msg, key)).toBe(true);
      }
    }
    expect(accepted).toBe(torsion.length * torsion.length);
  });

  it('verifies nothing under a key that is not a point or not 32 bytes, as the library', () => {
    const msg = bytes(10);
    const secret = bytes(32);
    const sig = ed.sign(msg, secret);
    let notPoints = 0;
    for (let i = 0; i < 40; i++) {
      const key = bytes(32);
      try {
        ed.Point.fromBytes(key, true);
      } catch {
        notPoints++;
      }
      expect(same(sig, msg, key)).toBe(false);
    }
    expect(notPoints).toBeGreaterThan(0);
    expect(fixedKeyVerifier(new Uint8Array(31))(sig, msg)).toBe(false);
    expect(fixedKeyVerifier(ed.getPublicKey(secret))(sig.subarray(0, 63), msg)).toBe(false);
  });

  it('gives tickets the same verdicts as verifyTicket: genuine, altered, another key', () => {
    const secret = bytes(32);
    const key = ed.getPublicKey(secret);
    const verify = ticketVerifier(key);
    const verifyOther = ticketVerifier(ed.getPublicKey(bytes(32)));
    for (let i = 1; i <= 20; i++) {
      const t = signTicket({ registrationId: String(1000 + i), activityId: '77', holder: { name: '张*伟', memberNo: `****${1000 + i}` } }, secret);
      expect(verify(t)).toEqual(verifyTicket(t, key));
      expect(verify(t)).not.toBeNull();
      const altered = t.replace(`.${(1000 + i).toString(36)}.`, `.${(2000 + i).toString(36)}.`);
      expect(verify(altered)).toBeNull();
      expect(verifyTicket(altered, key)).toBeNull();
      expect(verifyOther(t)).toBeNull();
    }
  });
});
