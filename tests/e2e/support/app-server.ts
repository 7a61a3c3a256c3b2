// The product as `npm start` runs it (API + H5 build + embedded PGlite + demo data), in a child
// process on a free port over a fresh data directory. Used by the e2e tests and bench/size.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFreshBuild } from '../../../scripts/miniapp-build.js';
import { freePort } from '../../../scripts/free-port.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type AppServer = { url: string; stop(): Promise<void> };


/** This process's environment with `extra` added and without `keys`. */
function envWithout(keys: string[], extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of keys) delete env[k];
  return env;
}

/**
 * A production H5 build of the current sources (.ci/run builds it before the tests; a stale one,
 * or one of another mode, is rebuilt: the browser tests must drive what the sources say).
 */
export async function ensureH5Build(): Promise<void> {
  await ensureFreshBuild('h5', { quiet: true });
}

/** Starts scripts/start.ts; resolves once it says 已启动 and /api/health answers. */
export async function startAppServer(options: { startTimeoutMs?: number } = {}): Promise<AppServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'union-e2e-'));
  // The embedded database and the dev login: never a real database or real WeChat credentials.
  // No local draw timer and no cron secret: a test plays Vercel Cron itself
  // (GET /api/internal/run-draws), so a cadre's 开始抽签 after the close never races a timer.
  const env = envWithout(['DATABASE_URL', 'WECHAT_APPID', 'WECHAT_SECRET', 'NODE_ENV', 'CRON_SECRET'], { PORT: String(port), PGLITE_DATA_DIR: path.join(dataDir, 'pglite'), SKIP_H5_BUILD: '1', SEED: 'demo', LOCAL_DRAWS: 'off' });

  // Its own process group (detached), so that stop() ends tsx and the node it starts together.
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      if (!killed) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  try {
    while (true) {
      if (child.exitCode !== null) throw new Error(`scripts/start.ts exited with ${child.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`scripts/start.ts did not start in time:\n${output}`);
      if (output.includes('已启动')) {
        const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
        if (ok) return { url, stop };
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } catch (err) {
    await stop();
    throw err;
  }
}
