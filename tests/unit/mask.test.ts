import { describe, expect, it } from 'vitest';
import { maskMemberNo, maskPhone } from '../../shared/domain/mask.js';

describe('phone masking', () => {
  it('shows the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('hides the four middle digits whatever they are', () => {
    expect(maskPhone('13899995678')).toBe(maskPhone('13800005678'));
  });

  it('ignores surrounding spaces', () => {
    expect(maskPhone(' 13812345678 ')).toBe('138****5678');
  });

  it('hides a number too short to mask partly entirely', () => {
    expect(maskPhone('123456')).toBe('******');
    expect(maskPhone('')).toBe('');
  });
});

describe('member number masking', () => {
  it('keeps the last four characters readable for the door and hides the rest', () => {
    expect(maskMemberNo('M20260001')).toBe('*****0001');
  });

  it('hides at most six characters so a long number does not fill the screen with stars', () => {
    expect(maskMemberNo('HZ-2026-000123456')).toBe('******3456');
  });

  it('shows a member number of four characters or fewer as it is', () => {
    expect(maskMemberNo('0042')).toBe('0042');
    expect(maskMemberNo('7')).toBe('7');
  });
});

describe('maskName (public results)', () => {
  it('keeps only the first and last character of a name, so a published list names nobody outright', async () => {
    const { maskName } = await import('../../shared/domain/mask.js');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('赵秀英')).toBe('赵*英');
    expect(maskName('欧阳娜娜娜')).toBe('欧***娜');
    expect(maskName('王')).toBe('王');
  });
});
