import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan } from '../../shared/domain/money.js';

describe('money formatting (integer fen shown as yuan)', () => {
  it('shows zero as 0.00', () => {
    expect(formatYuan(0)).toBe('0.00');
  });

  it('always shows two decimals, padding single fen and whole yuan', () => {
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(50)).toBe('0.50');
    expect(formatYuan(100)).toBe('1.00');
    expect(formatYuan(12345)).toBe('123.45');
  });

  it('groups thousands of yuan with commas', () => {
    expect(formatYuan(123450)).toBe('1,234.50');
    expect(formatYuan(100000)).toBe('1,000.00');
    expect(formatYuan(99999)).toBe('999.99');
    expect(formatYuan(123456789)).toBe('1,234,567.89');
  });

  it('shows the largest amount the API accepts (100 million yuan) exactly', () => {
    expect(formatYuan(100_000_000_00)).toBe('100,000,000.00');
  });

  it('stays exact up to the largest safe integer, where yuan as a float would round', () => {
    expect(formatYuan(Number.MAX_SAFE_INTEGER)).toBe('90,071,992,547,409.91');
  });

  it('shows amounts whose yuan value has no exact binary fraction without rounding errors', () => {
    // 0.1 + 0.2, 10.05 and 19.99 yuan are the classic float traps (10.05 * 100 = 1004.9999…).
    expect(formatYuan(10 + 20)).toBe('0.30');
    expect(formatYuan(1005)).toBe('10.05');
    expect(formatYuan(1999)).toBe('19.99');
    expect(formatYuan(114_999)).toBe('1,149.99');
  });

  it('shows a negative amount (a refund or correction) with a leading minus', () => {
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(-123456)).toBe('-1,234.56');
  });

  it('shows negative zero as 0.00, not -0.00', () => {
    expect(formatYuan(-0)).toBe('0.00');
  });

  it('gives back the same fen when the commas and the decimal point are removed, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const text = formatYuan(fen);
        expect(text).toMatch(/^-?(0|[1-9]\d{0,2}(,\d{3})*)\.\d{2}$/);
        expect(BigInt(text.replace(/[,.]/g, ''))).toBe(BigInt(fen));
      }),
      { numRuns: 2000 },
    );
  });
});
