// After `taro build --type weapp`: how big is each package, against WeChat's limits.
// Main package = every file under miniapp/dist/weapp outside a sub-package root; each
// sub-package = the files under its root (app.json "subPackages"/"subpackages").
// Exits 1 when the main package passes 2 MB (WeChat refuses the upload); warns above our
// 600 KB budget (first launch on a weak 4G signal downloads the whole main package).
// What is in the main package, module by module: `BUNDLE_STATS=/tmp/stats.json npm run build:weapp`
// (miniapp/config/index.ts) writes webpack's chunks and modules with the reasons each was included.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KB = 1024;
const MAIN_LIMIT = 2 * KB * KB;
/** Our budget for the main package as Taro writes it (miniapp/dist/weapp), checked at every build. */
export const MAIN_BUDGET = 600 * KB;
/**
 * The same budget for the main package after WeChat's upload compile, which is what is uploaded
 * and what a phone downloads (tests/wechat/quality.test.ts, `npm run bench -- 微信`). That compile
 * is larger than Taro's output: it transpiles our ES2017+ to ES5 and adds @babel/runtime helpers
 * (~18 KB in the main package), while minifying WXML. On 2026-11-30 it was 1.076 × Taro's output
 * (624.6 KB for 580.6 KB); 645 KB is 600 KB at that ratio, so both checks trip at about the same
 * code size, and the compile has ~20 KB of room above today's size.
 */
export const MAIN_BUDGET_COMPILED = 645 * KB;
const SUB_LIMIT = 2 * KB * KB;
const TOTAL_LIMIT = 20 * KB * KB;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'miniapp/dist/weapp');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

export type WeappSizes = { main: number; subPackages: Map<string, number>; total: number };

/** Bytes of the main package and of each sub-package of a weapp build; null when there is no build. */
export function weappSizes(distDir = dist): WeappSizes | null {
  const appJson = path.join(distDir, 'app.json');
  if (!existsSync(appJson)) return null;
  const app = JSON.parse(readFileSync(appJson, 'utf8')) as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/+$/, ''));

  const subPackages = new Map<string, number>(subRoots.map((r) => [r, 0]));
  let main = 0;
  for (const file of filesUnder(distDir)) {
    const rel = path.relative(distDir, file).split(path.sep).join('/');
    const size = statSync(file).size;
    const sub = subRoots.find((r) => rel === r || rel.startsWith(r + '/'));
    if (sub) subPackages.set(sub, (subPackages.get(sub) ?? 0) + size);
    else main += size;
  }
  return { main, subPackages, total: main + [...subPackages.values()].reduce((a, b) => a + b, 0) };
}

function main(): number {
  const sizesFound = weappSizes();
  if (!sizesFound) {
    console.error(`找不到 ${path.relative(root, path.join(dist, 'app.json'))}：请先运行 taro build --type weapp`);
    return 1;
  }
  const { main, subPackages: sizes, total } = sizesFound;

  console.log('\n微信小程序包体积（miniapp/dist/weapp）');
  const rows: [string, number, string][] = [['主包', main, `上限 2048 KB，预算 ${MAIN_BUDGET / KB} KB`], ...[...sizes].map(([r, s]): [string, number, string] => [`分包 ${r}`, s, '上限 2048 KB']), ['合计', total, '上限 20480 KB']];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  for (const [label, bytes, note] of rows) console.log(`  ${label.padEnd(width)}${kb(bytes).padStart(10)}   ${note}`);

  let failed = false;
  if (main > MAIN_LIMIT) {
    console.error(`\n✖ 主包 ${kb(main)} 超过微信 2 MB 上限，无法上传`);
    failed = true;
  } else if (main > MAIN_BUDGET) {
    console.warn(`\n⚠ 主包 ${kb(main)} 超过 ${MAIN_BUDGET / KB} KB 预算：首次打开在弱网下会变慢，请把不常用的页面移入分包`);
  }
  for (const [r, s] of sizes) {
    if (s > SUB_LIMIT) {
      console.error(`✖ 分包 ${r} ${kb(s)} 超过 2 MB 上限`);
      failed = true;
    }
  }
  if (total > TOTAL_LIMIT) {
    console.error(`✖ 总体积 ${kb(total)} 超过 20 MB 上限`);
    failed = true;
  }
  return failed ? 1 : 0;
}

// Run as a script (npm run build:weapp), not when imported (bench/size.ts).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
