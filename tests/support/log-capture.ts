// Runs in every test worker (vitest setupFiles): whatever the server side writes during the suite
// (structured log lines through log.ts's sink, and any other stdout/stderr/console output) is also
// appended to a file of this run, .data/log-capture/<run>/worker-<pid>.log. The run's directory
// comes from tests/support/log-capture-setup.ts; tests/privacy/log-check.test.ts reads it last.
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

const dir = process.env.LOG_CAPTURE_DIR;
const file = dir ? path.join(dir, `worker-${process.pid}.log`) : null;

/** Adds text to this run's capture, e.g. what a spawned server process printed. */
export function captureText(text: string): void {
  if (!file || !text) return;
  appendFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

/** The capture file this worker writes (null when the run has no capture directory). */
export function captureFile(): string | null {
  return file;
}

const installed = globalThis as { __logCaptureInstalled?: boolean };
if (file && !installed.__logCaptureInstalled) {
  installed.__logCaptureInstalled = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      captureText(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}
// vitest may hand each test file a console of its own: each one is wrapped once.
const wrapped = console as Console & { __logCaptureWrapped?: boolean };
if (file && !wrapped.__logCaptureWrapped) {
  wrapped.__logCaptureWrapped = true;
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      captureText(format(...args));
      original(...args);
    };
  }
}
