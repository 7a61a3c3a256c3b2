import { createHmac } from 'node:crypto';
import { normalizeIdNumber } from '../../shared/domain/id-number.js';

/** ID numbers are matched by a keyed hash: without the key, the stored hashes reveal nothing. */
export function hashIdNumber(idNumber: string, key: string): string {
  return createHmac('sha256', key).update(normalizeIdNumber(idNumber)).digest('hex');
}
