import { createHmac } from 'node:crypto';
import { normalizeIdNumber } from '../../shared/domain/id-number.js';

/** ID numbers are matched by a keyed hash: without the key, the stored hashes reveal nothing. */
export function hashIdNumber(idNumber: string, key: string): string {
  return createHmac('sha256', key).update(normalizeIdNumber(idNumber)).digest('hex');
}

/**
 * The roster phone as a keyed hash (members.phone_hash), with the ID-number key: HMAC-SHA256 over
 * the 11 digits, hex. A phone-verified binding compares WeChat's number with it.
 */
export function hashPhone(phone: string, key: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  return createHmac('sha256', key).update(digits).digest('hex');
}
