// vitest globalSetup: one capture directory per run (concurrent runs in the same checkout keep
// apart), handed to the workers through the environment; at the end, a scan of everything
// captured. A leak fails the run (exit code 1) whatever subset of the suite was run.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { findLeaks, readCapture, shownSafely } from './log-scan.js';

const ROOT = path.resolve('.data/log-capture');
const DAY = 24 * 3600_000;

export default function setup() {
  // vitest calls a root globalSetup once per project: the first call of this process decides.
  if (!process.env.LOG_CAPTURE_DIR) {
    mkdirSync(ROOT, { recursive: true });
    for (const old of readdirSync(ROOT)) {
      const p = path.join(ROOT, old);
      if (Date.now() - statSync(p).mtimeMs > DAY) rmSync(p, { recursive: true, force: true });
    }
    const dir = path.join(ROOT, `run-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    process.env.LOG_CAPTURE_DIR = dir;
  }
  return () => {
    if (process.env.LOG_CAPTURE_CHECKED) return;
    process.env.LOG_CAPTURE_CHECKED = '1';
    const dir = process.env.LOG_CAPTURE_DIR as string;
    const leaks = readCapture(dir).files.flatMap((f) => findLeaks(f.text, f.file));
    if (leaks.length) {
      console.error(`\n[privacy] ${leaks.length} captured log line(s) hold personal data (${dir}):`);
      for (const l of leaks.slice(0, 20)) console.error(`  ${shownSafely(l)}`);
      process.exitCode = 1;
    }
  };
}
