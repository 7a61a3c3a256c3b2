// Builds of the mini-program, always in Taro's production mode, each stamped with what it was built
// from, so that `npm start` and the browser tests never serve a stale or development-mode bundle.
//   npx tsx scripts/miniapp-build.ts h5|weapp     (what `npm run build:h5` / `build:weapp` run)
// Taro takes its mode from NODE_ENV when the shell sets it: NODE_ENV=development gives a bundle
// that needs the dev server's React Refresh runtime and renders a blank page when served as files
// ("$RefreshReg$ is not defined"). So the build's own environment says production, whatever the
// caller's says.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export type MiniappTarget = 'h5' | 'weapp';

const STAMP_FILE = '.build-stamp.json';
/** What a bundle is made of: the sources, the build config, the contract code and the lockfile. */
const INPUTS = ['miniapp/src', 'miniapp/config', 'miniapp/babel.config.cjs', 'miniapp/babel-fold-bigint-pow.cjs', 'miniapp/babel-pure-contract.cjs', 'miniapp/project.config.json', 'shared', 'package-lock.json'];
/** Environment the Taro config reads at build time (API origin, template ids …). */
const BUILD_ENV = /^(API_BASE|WECHAT_TEMPLATE_[A-Z_]+|TARO_APP_[A-Z_]+)$/;

type Stamp = { mode: 'production'; fingerprint: string; builtAt: string };

/**
 * The WeChat check's own subscription-message template ids. The app asks only for the template ids
 * built into it (WECHAT_TEMPLATE_*), so the check (tests/wechat) builds with these fixed ones and
 * its test server sends with the same: a tap → grant → promotion → message proof needs both to
 * agree. `WECHAT_CHECK_BUILD=1 npm run build:weapp` (what .ci/run does) builds with them, so the
 * check finds its build current. Such a build is for the check only: never upload it.
 */
export const WECHAT_CHECK_TEMPLATES = {
  WECHAT_TEMPLATE_WAITLIST_PROMOTED: 'wechat-check-waitlist-promoted',
  WECHAT_TEMPLATE_ACTIVITY_CANCELLED: 'wechat-check-activity-cancelled',
  WECHAT_TEMPLATE_CLAIM_STATUS_CHANGED: 'wechat-check-claim-status-changed',
  WECHAT_TEMPLATE_LOTTERY_RESULT: 'wechat-check-lottery-result',
  WECHAT_TEMPLATE_AID_STATUS_CHANGED: 'wechat-check-aid-status-changed',
  WECHAT_TEMPLATE_JOIN_APPLICATION: 'wechat-check-join-application',
  WECHAT_TEMPLATE_MEMBERSHIP_TRANSFER: 'wechat-check-membership-transfer',
} as const;

/** The environment of the WeChat check's build: the caller's, with the check's template ids. */
export function wechatCheckEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, ...WECHAT_CHECK_TEMPLATES };
}

function filesUnder(p: string): string[] {
  const abs = path.join(ROOT, p);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [p];
  return readdirSync(abs, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => filesUnder(path.join(p, e.name)));
}

/** A hash of every input file's path and content and of the build environment. */
export function miniappFingerprint(env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder)) {
    hash.update(file).update('\0').update(readFileSync(path.join(ROOT, file))).update('\0');
  }
  for (const key of Object.keys(env).filter((k) => BUILD_ENV.test(k)).sort()) hash.update(`${key}=${env[key]}\0`);
  return hash.digest('hex');
}

export function distDir(target: MiniappTarget): string {
  return path.join(ROOT, 'miniapp/dist', target);
}

/** Why the build in miniapp/dist/<target> cannot be served as it is, or null when it is current. */
export function staleReason(target: MiniappTarget, env: NodeJS.ProcessEnv = process.env): string | null {
  const entry = path.join(distDir(target), target === 'h5' ? 'index.html' : 'app.json');
  if (!existsSync(entry)) return '尚未构建';
  const stampPath = path.join(distDir(target), STAMP_FILE);
  if (!existsSync(stampPath)) return '构建来源不明（没有构建记录）';
  let stamp: Stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Stamp;
  } catch {
    return '构建记录无法读取';
  }
  if (stamp.mode !== 'production') return `构建模式为 ${stamp.mode}`;
  if (stamp.fingerprint !== miniappFingerprint(env)) return '源代码在构建之后有改动';
  return null;
}

/** Runs `taro build --type <target>` in production mode and stamps the result. Throws with Taro's output tail on failure. */
export function buildMiniapp(target: MiniappTarget, options: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): void {
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env), NODE_ENV: 'production' };
  const result = spawnSync(path.join(ROOT, 'node_modules/.bin/taro'), ['build', '--type', target], {
    cwd: path.join(ROOT, 'miniapp'),
    env,
    stdio: options.quiet ? 'pipe' : 'inherit',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    const tail = `${result.stdout?.toString().slice(-4000) ?? ''}${result.stderr?.toString().slice(-4000) ?? ''}`;
    throw new Error(`taro build --type ${target} failed (exit ${result.status ?? result.signal})${tail ? `:\n${tail}` : ''}`);
  }
  const stamp: Stamp = { mode: 'production', fingerprint: miniappFingerprint(env), builtAt: new Date().toISOString() };
  writeFileSync(path.join(distDir(target), STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
}

/** A `taro build --type <target>` running in this checkout (its working directory is under ROOT). */
function taroBuildRunning(target: MiniappTarget): boolean {
  let pids: string[];
  try {
    // No shell: a shell's own command line would contain the pattern and always match.
    pids = execFileSync('pgrep', ['-f', `taro build --type ${target}`], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().split('\n').filter(Boolean);
  } catch {
    return false; // pgrep exits 1 when nothing matches
  }
  return pids.some((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/cwd`).startsWith(ROOT);
    } catch {
      return false; // ended meanwhile
    }
  });
}

/**
 * Makes sure miniapp/dist/<target> is a production build of the current sources: builds when there
 * is none, when it is stale or of another mode. Someone else's build in the same checkout is
 * waited for rather than raced (two builds write the same folder). Returns why it built, or null.
 */
export async function ensureFreshBuild(target: MiniappTarget, options: { quiet?: boolean; env?: NodeJS.ProcessEnv; onBuild?: (reason: string) => void } = {}): Promise<string | null> {
  while (taroBuildRunning(target)) await new Promise((r) => setTimeout(r, 2000));
  const reason = staleReason(target, options.env);
  if (!reason) return null;
  options.onBuild?.(reason);
  buildMiniapp(target, options);
  return reason;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (target !== 'h5' && target !== 'weapp') {
    console.error('用法：tsx scripts/miniapp-build.ts h5|weapp');
    process.exit(2);
  }
  const check = target === 'weapp' && process.env.WECHAT_CHECK_BUILD === '1';
  if (check) console.log('微信检查用构建（WECHAT_CHECK_BUILD=1）：订阅消息模板为测试用 id，此构建不可上传。');
  try {
    buildMiniapp(target, { env: check ? wechatCheckEnv() : process.env });
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
