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

  it('leaves no Math.pow on a BigInt in any upload-compiled file', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir)) {
        const p = path.join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e.endsWith('.js') && /Math\.pow\([^()]*\d+n\b/.test(readFileSync(p, 'utf8'))) offenders.push(path.relative(COMPILED_DIR, p));
      }
    };
    walk(COMPILED_DIR);
    expect(offenders).toEqual([]);
    // The folded constant is there: in the main package's vendors since the member card (issue #15)
    // signs codes with @noble/ed25519 too; the scanner's sub-package shares it.
    expect(readFileSync(path.join(COMPILED_DIR, 'vendors.js'), 'utf8')).toContain(`${(2n ** 256n).toString()}n`);
  });
});
