import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, isValidIdNumber, maskIdNumber, normalizeIdNumber } from '../../shared/domain/id-number.js';

// Check characters below were computed by hand from GB 11643-1999 (ISO 7064 MOD 11-2), not by the
// code under test, so a wrong weight or a wrong character table shows up as a failure.
const VALID = '110101199003070011';
const VALID_X = '11010519491231002X';

// One number for each of the eleven possible check characters (sum mod 11 = 0 … 10).
const ONE_PER_CHECK_CHAR = [
  '110101199003070011',
  '110101199003070038',
  '110101199003070046',
  '110101199003070054',
  '110101199003070062',
  '110101199003070070',
  '110101199003070089',
  '110101199003070097',
  '110101199003070185',
  '110101199003070193',
  '11010119900307002X',
];

describe('GB 11643 ID number checksum', () => {
  it('accepts a real-format number whose check character is a digit', () => {
    expect(isValidIdNumber(VALID)).toBe(true);
  });

  it('accepts a number whose check character is X, in upper or lower case and with surrounding spaces', () => {
    expect(isValidIdNumber(VALID_X)).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber(`  ${VALID_X}\t`)).toBe(true);
  });

  it('computes each of the eleven check characters 0–9 and X correctly', () => {
    const chars = ONE_PER_CHECK_CHAR.map((id) => idNumberCheckChar(id.slice(0, 17)));
    expect(chars).toEqual(ONE_PER_CHECK_CHAR.map((id) => id[17]));
    expect(new Set(chars).size).toBe(11);
    for (const id of ONE_PER_CHECK_CHAR) expect(isValidIdNumber(id), id).toBe(true);
  });

  it('refuses every number made by changing any single character of a valid one', () => {
    for (const valid of [VALID, VALID_X]) {
      for (let pos = 0; pos < 18; pos++) {
        const alternatives = pos === 17 ? '0123456789X' : '0123456789';
        for (const c of alternatives) {
          if (c === valid[pos]) continue;
          const altered = valid.slice(0, pos) + c + valid.slice(pos + 1);
          expect(isValidIdNumber(altered), altered).toBe(false);
        }
      }
    }
  });

  it('refuses a valid number with two neighbouring digits swapped', () => {
    for (let pos = 0; pos < 16; pos++) {
      if (VALID[pos] === VALID[pos + 1]) continue;
      const swapped = VALID.slice(0, pos) + VALID[pos + 1] + VALID[pos] + VALID.slice(pos + 2);
      expect(isValidIdNumber(swapped), swapped).toBe(false);
    }
  });

  it('refuses numbers of the wrong length', () => {
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber(VALID.slice(0, 17))).toBe(false);
    expect(isValidIdNumber(VALID + '1')).toBe(false);
    expect(isValidIdNumber(VALID_X + 'X')).toBe(false);
  });

  it('refuses a 15-digit first-generation number, which carries no check character', () => {
    expect(isValidIdNumber('110101900307001')).toBe(false);
  });

  it('refuses letters other than a final X, and X anywhere but the end', () => {
    expect(isValidIdNumber('1101011990O3070011')).toBe(false);
    expect(isValidIdNumber('11010119900307001A')).toBe(false);
    expect(isValidIdNumber('X10101199003070011')).toBe(false);
    expect(isValidIdNumber('１１０１０１１９９００３０７００１１')).toBe(false);
  });

  it('refuses a number starting with 0, even with a correct check character', () => {
    expect(isValidIdNumber('010101199003070018')).toBe(false);
  });

  it('refuses birth dates that do not exist, even with a correct check character', () => {
    for (const id of [
      '110101199013011234', // month 13
      '110101199000011235', // month 00
      '110101199001001231', // day 00
      '110101199001321235', // 32 January
      '110101199004311235', // 31 April
      '110101202302291230', // 29 February in a common year
      '110101190002291233', // 1900 was not a leap year
      '110101202602301234', // 30 February
    ]) {
      expect(isValidIdNumber(id), id).toBe(false);
    }
  });

  it('accepts 29 February in a leap year', () => {
    expect(isValidIdNumber('110101202402291238')).toBe(true);
    expect(isValidIdNumber('11010120000229123X')).toBe(true);
  });

  it('refuses a birth year before 1900, as in the standard\'s own example 440524188001010014', () => {
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(isValidIdNumber('440524188001010014')).toBe(false);
    expect(isValidIdNumber('110101189912311231')).toBe(false);
    expect(isValidIdNumber('110101190001011236')).toBe(true);
  });

  it('normalises by trimming and upper-casing only', () => {
    expect(normalizeIdNumber(' 11010519491231002x ')).toBe(VALID_X);
  });
});

describe('ID number masking', () => {
  it('shows only the first three and last four characters of an 18-character number', () => {
    expect(maskIdNumber(VALID)).toBe('110***********0011');
    expect(maskIdNumber('110105194912311234')).toBe('110***********1234');
  });

  it('masks the birth date completely', () => {
    const masked = maskIdNumber(VALID);
    expect(masked).not.toContain('19900307');
    expect(masked.slice(3, 14)).toBe('*'.repeat(11));
  });

  it('shows a lower-case x check character as X', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
  });

  it('keeps the length of a 15-digit legacy number and hides all but its first three and last four', () => {
    expect(maskIdNumber('110101900307001')).toBe('110********7001');
  });
});

describe('a birth date in the future', () => {
  it('refuses an ID number whose birth date lies after today, however well its check character fits', () => {
    const first17 = '11010121000101001';
    expect(isValidIdNumber(first17 + idNumberCheckChar(first17))).toBe(false);
  });
});
