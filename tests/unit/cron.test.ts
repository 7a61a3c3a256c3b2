// The one check of the cron endpoints (functions/_lib/cron.ts): fail closed.
import { describe, expect, it } from 'vitest';
import { requireCronSecret } from '../../functions/_lib/cron.js';
import { AppError } from '../../functions/_lib/errors.js';

const refused = (fn: () => void) => {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError && e.code === 'NOT_FOUND';
  }
  return false;
};

describe('the cron endpoints’ secret', () => {
  it('lets in only the exact bearer secret when one is set, in production or not', () => {
    for (const production of [true, false]) {
      expect(refused(() => requireCronSecret('Bearer s3cret-value', { secret: 's3cret-value', production }))).toBe(false);
      for (const given of [undefined, '', 'Bearer s3cret-valu', 'Bearer s3cret-value2', 's3cret-value', 'bearer s3cret-value']) {
        expect(refused(() => requireCronSecret(given, { secret: 's3cret-value', production })), `${given}`).toBe(true);
      }
    }
  });

  it('refuses every call in production when no secret is configured, and allows local runs without one', () => {
    expect(refused(() => requireCronSecret(undefined, { secret: undefined, production: true }))).toBe(true);
    expect(refused(() => requireCronSecret('Bearer anything', { secret: '', production: true }))).toBe(true);
    expect(refused(() => requireCronSecret(undefined, { secret: undefined, production: false }))).toBe(false);
  });
});
