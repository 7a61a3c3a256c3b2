// The upload compile turns `a ** b` into Math.pow(a, b), which throws for BigInt: the babel
// plugin folds BigInt-literal powers before that compile ever sees them, and the compiled
// scanner proves it (it also loads and verifies tickets in tests/wechat/scanner.test.ts).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { transformSync } from '@babel/core';
import { describe, expect, it } from 'vitest';
import { COMPILED_DIR, ROOT } from './support/paths.js';

const require = createRequire(import.meta.url);
const foldBigIntPow = require(path.join(ROOT, 'miniapp/babel-fold-bigint-pow.cjs'));

const fold = (code: string) => transformSync(code, { plugins: [foldBigIntPow], babelrc: false, configFile: false })!.code!;

describe('folding BigInt `**` before the upload compile', () => {
  it('turns 2n ** 256n into the one literal it equals', () => {
    expect(fold('const B256 = 2n ** 256n;')).toBe(`const B256 = ${(2n ** 256n).toString()}n;`);
  });

  it('leaves number powers to the upload compile (Math.pow is right for them)', () => {
    expect(fold('const x = 2 ** 32;')).toBe('const x = 2 ** 32;');
  });

  it('stops the build on a BigInt power it cannot fold', () => {
    expect(() => fold('const f = (n) => 2n ** n;')).toThrow(/BigInt/);
  });

  it('leaves no Math.pow on a BigInt in any upload-compiled file, and the folded constant is in the code that signs and checks', () => {
    const offenders: string[] = [];
    const folded: string[] = [];
    const constant = `${(2n ** 256n).toString()}n`;
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = path.join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e.endsWith('.js')) {
          const code = readFileSync(p, 'utf8');
          if (/Math\.pow\([^()]*\d+n\b/.test(code)) offenders.push(path.relative(COMPILED_DIR, p));
          if (code.includes(constant)) folded.push(path.relative(COMPILED_DIR, p).split(path.sep).join('/'));
        }
      }
    };
    walk(COMPILED_DIR);
    expect(offenders).toEqual([]);
    // @noble/ed25519 (with the folded 2n ** 256n) lives where it is used: the member card's and the
    // cadre scanner's sub-packages, not the main package (tests/wechat/quality.test.ts).
    expect(folded.some((f) => f.startsWith('pages/card/')), folded.join(', ')).toBe(true);
    expect(folded.some((f) => f.startsWith('packages/cadre/')), folded.join(', ')).toBe(true);
  });
});
