import { createHmac } from 'node:crypto';
import { normalizeIdNumber } from '../../shared/domain/id-number.js';

/** ID numbers are matched by a keyed hash: without the key, the stored hashes reveal nothing. */
export function hashIdNumber(idNumber: string, key: string): string {
  return createHmac('sha256', key).update(normalizeIdNumber(idNumber)).digest('hex');
}

/**
 * A mainland mobile number as its 11 digits: "+86 138-0013-8000", "86 13800138000" and
 * "13800138000" are one number. Anything else is null (not a number a roster or WeChat can match).
 */
export function normalizePhone(phone: string): string | null {
  const digits = phone.replace(/[\s\-()]/g, '').replace(/^(?:\+|00)?86(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * The roster phone as members.phone_hash, compared with the number WeChat vouches for when a
 * member binds. The roster import must store hashPhone(row.phone, idHashKey) for every row.
 * Keyed like ID numbers, and prefixed so that a phone hash can never equal an ID-number hash.
 */
export function hashPhone(phone: string, key: string): string | null {
  const digits = normalizePhone(phone);
  return digits === null ? null : createHmac('sha256', key).update(`phone:${digits}`).digest('hex');
}
