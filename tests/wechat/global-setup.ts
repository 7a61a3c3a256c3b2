// The WeChat check's inputs, once per run: a weapp build no older than its sources (built here
// when missing or stale), then Tencent's upload compile of it (miniprogram-ci, offline) into
// .data/wechat/compiled — the code the tests load in a WeChat-like runtime.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestMtime, runCi } from './support/ci.js';
import { COMPILED_DIR, ROOT, WEAPP_DIST } from './support/paths.js';

function ensureWeappBuild() {
  const appJs = path.join(WEAPP_DIST, 'app.js');
  if (existsSync(appJs) && statSync(appJs).mtimeMs >= newestMtime()) return;
  // Without vitest's NODE_ENV=test, which Taro would take as its build mode (a different bundle).
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete (env as Record<string, string | undefined>).NODE_ENV;
  try {
    execSync('npm run build:weapp', { cwd: ROOT, env, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`npm run build:weapp failed:\n${e.stdout?.toString().slice(-4000) ?? ''}${e.stderr?.toString().slice(-4000) ?? ''}`);
  }
}

/** A weapp build no older than its sources, and its upload compile no older than the build. */
export async function ensureWeChatCompile() {
  ensureWeappBuild();
  // The upload compile takes 20 s to minutes on a busy machine: redone only for a newer build.
  const compiled = path.join(COMPILED_DIR, 'app.js');
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < newestMtime([WEAPP_DIST])) await runCi('compile', WEAPP_DIST, COMPILED_DIR);
  if (!existsSync(path.join(COMPILED_DIR, 'app.js'))) throw new Error('miniprogram-ci wrote no app.js');
}

export default async function setup() {
  await ensureWeChatCompile();
}
