// Helpers for benchmarks on the local PostgreSQL: a fresh migrated database, the local server
// over it, a bounded load generator, percentiles. Benchmarks print figures; they never fail on speed.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createNodePgDb } from '../functions/_lib/db/node-pg.js';
import { migrateDb } from '../functions/_lib/db/migrate.js';
import { setDb, type Db } from '../functions/_lib/db/index.js';
import { createLocalServer } from '../functions/_lib/local-server.js';
import { withDatabase } from '../tests/support/paths.js';

export const PG_URL = process.env.TEST_DATABASE_URL ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshDatabase(prefix: string, poolMax = 20): Promise<{ db: Db; url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = withDatabase(PG_URL, name);
  const db = createNodePgDb(url, poolMax);
  await migrateDb(db);
  return {
    db,
    url,
    name,
    async drop() {
      await db.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startServer(db: Db): Promise<{ base: string; close(): Promise<void> }> {
  setDb(db);
  const server = createLocalServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Runs `jobs` with at most `concurrency` in flight; returns each job's latency in ms. */
export async function runBounded<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<{ results: T[]; latencies: number[]; seconds: number }> {
  const results: T[] = new Array(jobs.length);
  const latencies: number[] = new Array(jobs.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        const t0 = performance.now();
        results[i] = await jobs[i]();
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  return { results, latencies, seconds: (performance.now() - started) / 1000 };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const ms = (v: number) => `${v.toFixed(1)} ms`;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A lean HTTP client for load (node:http with keep-alive): the load generator shares the two
 * cores with the server and PostgreSQL, so it must cost as little as it can.
 */
export function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** What bench/load-worker.ts writes first when the measured requests are about to start. */
export const MEASURED_START = 'measured-start\n';

type Load = { url: string; method: string; requests: { headers: Record<string, string>; body?: string }[]; concurrency: number };

/**
 * Sends the requests from a separate process (bench/load-worker.ts) and answers what it measured.
 * `warmup` goes first, unmeasured; `onMeasuredStart` is called when the measured requests begin.
 */
export function loadFromOtherProcess(input: Load & { warmup?: Load; onMeasuredStart?: () => void }): Promise<{ results: string[]; latencies: number[]; seconds: number }> {
  const { onMeasuredStart, ...load } = input;
  return new Promise((resolve, reject) => {
    const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', worker], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => {
      out += c;
      // The worker's first line says the measured requests start now.
      if (out.startsWith(MEASURED_START)) {
        out = out.slice(MEASURED_START.length);
        onMeasuredStart?.();
      }
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load worker exited ${code}`))));
    child.stdin.end(JSON.stringify(load));
  });
}
