// Issue #12: the weapp as WeChat would receive it. Package sizes after Tencent's upload compile
// with minification, and the scanner's offline ticket verification inside the WeChat-like
// runtime under `node --jitless` (phones run WeChat's JS without a JIT on iOS).
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { ensureWeChatCompile } from '../tests/wechat/global-setup.js';
import { COMPILED_DIR, ROOT } from '../tests/wechat/support/paths.js';
import { packageSizes } from '../tests/wechat/support/sizes.js';
import { MAIN_BUDGET_COMPILED } from '../scripts/size-report.js';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchWeChat(): Promise<Record<string, string | number>> {
  await ensureWeChatCompile();
  const sizes = packageSizes(COMPILED_DIR);
  const figures: Record<string, string | number> = { [`主包（上传编译+压缩后，预算 ${MAIN_BUDGET_COMPILED / 1024} KB）`]: kb(sizes.main) };
  for (const [root, size] of Object.entries(sizes.sub)) figures[`分包 ${root}`] = kb(size);

  const child = spawnSync(process.execPath, ['--jitless', '--import', 'tsx', path.join(ROOT, 'bench/wechat-verify.ts'), '300'], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench/wechat-verify.ts failed:\n${child.stderr.slice(-3000)}`);
  type Q = { median: number; p95: number; max: number };
  const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as Q & { runs: number; ok: number; cpu: Q; alone: { library: Q; table: Q; tableMs: number }; jitless: boolean };
  const load = loadavg()[0].toFixed(1);
  figures['离线验票（小程序运行时，node --jitless）'] = `中位 ${r.median.toFixed(2)} ms，p95 ${r.p95.toFixed(2)} ms，最长 ${r.max.toFixed(2)} ms（${r.ok}/${r.runs} 张通过，目标 ≤ 5 ms；测量时负载 ${load}，${cpus().length} 核）`;
  // Wall time counts waiting for a CPU that other processes hold; the CPU time of the same span does not.
  figures['离线验票 CPU 时间（同上）'] = `中位 ${r.cpu.median.toFixed(2)} ms，p95 ${r.cpu.p95.toFixed(2)} ms，最长 ${r.cpu.max.toFixed(2)} ms`;
  const a = r.alone;
  figures['仅 Ed25519 验签 CPU 时间（--jitless，交替）'] = `ed.verify 中位 ${a.library.median.toFixed(2)} ms / p95 ${a.library.p95.toFixed(2)} ms；按活动公钥预计算表 中位 ${a.table.median.toFixed(2)} ms / p95 ${a.table.p95.toFixed(2)} ms（建表 ${a.tableMs.toFixed(1)} ms，每场活动一次）`;
  return figures;
}
