// Runs tests/wechat/support/ci-child.ts (miniprogram-ci) in a child process and waits for it.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CI_CHILD, KEY_FILE, ROOT, WEAPP_SOURCES, WECHAT_DIR } from './paths.js';

/** miniprogram-ci signs uploads with the app's key; offline, any RSA key is accepted. */
export function ensureUploadKey(): string {
  mkdirSync(WECHAT_DIR, { recursive: true });
  if (!existsSync(KEY_FILE)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(KEY_FILE, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  }
  return KEY_FILE;
}

export function runCi(command: 'compile' | 'quality', projectPath: string, out: string, timeoutMs = 240_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CI_CHILD, command, projectPath, ensureUploadKey(), out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`miniprogram-ci ${command} failed (${signal ?? code}):\n${output.slice(-6000)}`));
    });
  });
}

/** The newest modification time under the given files and folders. */
export function newestMtime(paths: string[] = WEAPP_SOURCES): number {
  let newest = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of paths) walk(p);
  return newest;
}
