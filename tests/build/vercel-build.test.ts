// Proof that Vercel can build and run the functions: `vercel build` offline (the CLI's own build,
// as a deployment runs it), then built functions copied away from the repository, so that only
// what the bundle carries can be loaded, and served by plain Node as Vercel's Node runtime would.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vercelConfig } from '../../scripts/gen-vercel.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROJECT_JSON = { projectId: 'prj_local', orgId: 'team_local', settings: { framework: null } };
const MAX_FUNCTION_BYTES = 5 * 1024 * 1024;
const config = vercelConfig();

let outDir: string;
let runDir: string;
let buildSeconds = 0;
let buildLog = '';
let buildExit: number | null = null;

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

const funcDir = (file: string) => path.join(outDir, 'functions', 'functions', `${file}.func`);

/** Serves one built function from a copy outside the repository, in its own Node process. */
async function serveBuiltFunction(file: string, env: Record<string, string> = {}) {
  const dir = path.join(runDir, file.replace(/[/.]/g, '_'));
  await cp(funcDir(file), dir, { recursive: true });
  // Only what a deployment would set: nothing of this machine's environment leaks in.
  const deploymentEnv: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TICKET_SIGNING_KEY: '0123456789abcdef'.repeat(4), ID_HASH_KEY: 'k'.repeat(40), ...env };
  const child = spawn(process.execPath, [path.join(runDir, 'serve.mjs'), dir], {
    cwd: dir, // Vercel runs a function with its bundle as the working directory
    env: deploymentEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('close', (code) => reject(new Error(`the built ${file} exited with ${code}: ${stderr}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill();
    },
  };
}

beforeAll(async () => {
  // The offline build needs a linked project; a real `vercel link` is left as it is.
  await mkdir(path.join(ROOT, '.vercel'), { recursive: true });
  if (!existsSync(path.join(ROOT, '.vercel/project.json'))) await writeFile(path.join(ROOT, '.vercel/project.json'), JSON.stringify(PROJECT_JSON));
  outDir = await mkdtemp(path.join(tmpdir(), 'union-vercel-output-'));
  runDir = await mkdtemp(path.join(tmpdir(), 'union-vercel-run-'));
  await writeFile(
    path.join(runDir, 'serve.mjs'),
    `import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathToFileURL } from 'node:url';
const dir = process.argv[2];
const { handler } = JSON.parse(readFileSync(path.join(dir, '.vc-config.json'), 'utf8'));
const mod = await import(pathToFileURL(path.join(dir, handler)).href);
const fn = typeof mod.default === 'function' ? mod.default : mod.default.default;
const server = createServer((req, res) => fn(req, res));
server.listen(0, '127.0.0.1', () => process.stdout.write(JSON.stringify({ port: server.address().port }) + '\\n'));
`,
  );
  const started = Date.now();
  const result = await run(process.execPath, [path.join(ROOT, 'node_modules/vercel/dist/vc.js'), 'build', '--yes', '--output', outDir], {
    CI: '1',
    // node_modules is installed already (npm install ran before the tests); the build would
    // otherwise run its own `npm install` first, a minute and a network round.
    VERCEL_INSTALL_COMPLETED: '1',
    VERCEL_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
    // Tracing allocates heavily: a larger young generation saves about a fifth of the CPU time.
    NODE_OPTIONS: '--max-semi-space-size=64',
  });
  buildSeconds = (Date.now() - started) / 1000;
  buildLog = result.output;
  buildExit = result.code;
  console.log(`vercel build: ${buildSeconds.toFixed(1)} s for ${config.builds.length} functions${buildSeconds > 60 ? ' (over a minute: the build traces each function separately)' : ''}`);
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
  if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('vercel build', () => {
  it('builds without errors', () => {
    expect(buildExit, buildLog.split('\n').slice(-40).join('\n')).toBe(0);
    expect(buildLog).toMatch(/Build Completed/);
  });

  it('carries every route of vercel.json into the build output', async () => {
    const output = JSON.parse(await readFile(path.join(outDir, 'config.json'), 'utf8')) as { routes: { src?: string; dest?: string }[]; crons?: unknown[] };
    for (const r of config.routes.filter((x): x is { src: string; dest: string; methods?: string[] } => 'src' in x && 'dest' in x)) {
      expect(output.routes, r.src).toContainEqual(expect.objectContaining({ src: r.src, dest: r.dest }));
    }
    if ('crons' in config) expect(output.crons).toEqual(config.crons);
  });

  it('builds one Node 22 function per endpoint file', async () => {
    for (const b of config.builds) {
      const file = b.src.replace(/^functions\//, '');
      const vc = JSON.parse(await readFile(path.join(funcDir(file), '.vc-config.json'), 'utf8'));
      // package.json's engines ("22.x") decides the runtime, whatever Node runs the build.
      expect(vc, file).toMatchObject({ runtime: 'nodejs22.x', launcherType: 'Nodejs' });
      expect(existsSync(path.join(funcDir(file), vc.handler)), `${file}: ${vc.handler}`).toBe(true);
    }
  });

  it('keeps PGlite out of the functions and each function small', async () => {
    const sizes: [string, number][] = [];
    for (const b of config.builds) {
      const file = b.src.replace(/^functions\//, '');
      expect(existsSync(path.join(funcDir(file), 'node_modules/@electric-sql')), file).toBe(false);
      expect(existsSync(path.join(funcDir(file), 'node_modules/zod')), `${file} carries zod`).toBe(true);
      sizes.push([file, await dirBytes(funcDir(file))]);
    }
    console.log(sizes.map(([f, n]) => `${(n / 1024 / 1024).toFixed(2).padStart(6)} MB  ${f}`).join('\n'));
    // The spreadsheet functions (every one whose bundle carries exceljs and its unzipper, about
    // 3.5 MB more) are allowed 8 MB; only they may carry it.
    const carriesExceljs = (f: string) => existsSync(path.join(funcDir(f), 'node_modules/exceljs'));
    const limitOf = (f: string) => (carriesExceljs(f) ? 8 * 1024 * 1024 : MAX_FUNCTION_BYTES);
    expect(sizes.filter(([f, n]) => n > limitOf(f))).toEqual([]);
  });

  it('answers an unknown path with the contract 404 from the built not-found function', async () => {
    const fn = await serveBuiltFunction('system/not-found.ts');
    try {
      const res = await fetch(`${fn.base}/api/no-such-thing`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
    } finally {
      fn.stop();
    }
  });

  it('refuses a login without a code in Chinese from the built login function', async () => {
    const fn = await serveBuiltFunction('auth/login.ts');
    try {
      const res = await fetch(`${fn.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    } finally {
      fn.stop();
    }
  });

  it('loads the built roster .xlsx import with exceljs in its bundle and refuses a request without a union', async () => {
    const { signSession } = await import('../../functions/_lib/auth/session.js');
    const fn = await serveBuiltFunction('admin/import-members-xlsx.ts');
    try {
      const token = signSession('1', 'x'.repeat(40), 600);
      const res = await fetch(`${fn.base}/api/admin/members/import.xlsx`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }, body: 'PK' });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('VALIDATION_FAILED');
    } finally {
      fn.stop();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('answers health from the built function over node-postgres', async () => {
    const fn = await serveBuiltFunction('system/health.ts', { DATABASE_URL: process.env.TEST_DATABASE_URL as string });
    try {
      const res = await fetch(`${fn.base}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, db: 'postgres' });
    } finally {
      fn.stop();
    }
  });
});
