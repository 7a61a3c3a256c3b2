import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vercelConfig } from '../../scripts/gen-vercel.js';
import { ROUTES, NOT_FOUND_FILE } from '../../functions/_lib/routes.js';

const config = vercelConfig();

/** Endpoint files: everything under functions/ except the server-only _lib. */
function endpointFiles(dir = 'functions', prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === '_lib' && !prefix) return [];
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return endpointFiles(path.join(dir, e.name), rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** What Vercel does with a request: the first route whose pattern and method match. */
function routeOf(method: string, url: string): string | undefined {
  for (const r of config.routes as { src?: string; methods?: string[]; dest?: string; handle?: string }[]) {
    if (r.handle || !r.src) continue;
    const m = new RegExp(r.src).exec(url);
    if (!m || (r.methods && !r.methods.includes(method))) continue;
    return r.dest!.replace(/\$([a-z]+)/g, (_all, name: string) => m.groups?.[name] ?? '');
  }
  return undefined;
}

describe('vercel.json', () => {
  it('the committed vercel.json is up to date', () => {
    const committed = JSON.parse(readFileSync('vercel.json', 'utf8'));
    expect(committed, 'vercel.json is stale: run `npm run gen:vercel` and commit vercel.json').toEqual(config);
  });

  it('names only endpoint files that exist under functions/', () => {
    const missing = [...ROUTES.map((r) => r.file), NOT_FOUND_FILE].filter((f) => !existsSync(path.join('functions', f)));
    expect(missing).toEqual([]);
  });

  it('routes every endpoint file under functions/', () => {
    const routed = new Set([...ROUTES.map((r) => r.file), NOT_FOUND_FILE]);
    const unrouted = endpointFiles().filter((f) => !routed.has(f));
    expect(unrouted, 'add a row to functions/_lib/routes.ts, then run `npm run gen:vercel`').toEqual([]);
  });

  it('builds one function per endpoint file, without PGlite', () => {
    expect(config.builds.map((b) => b.src).sort()).toEqual([...new Set([...ROUTES.map((r) => `functions/${r.file}`), `functions/${NOT_FOUND_FILE}`])].sort());
    for (const b of config.builds) expect(b.config.excludeFiles).toContain('node_modules/@electric-sql/**');
  });

  it('has one route per method and path', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it('sends each route to its own file with the path id as a query parameter', () => {
    for (const r of ROUTES) {
      const url = r.path.replace(/:([a-z]+)/g, '12345');
      // every path parameter (:id, :name) is handed on by its name
      const names = [...r.path.matchAll(/:([a-z]+)/g)].map((m) => m[1]);
      const expected = `/functions/${r.file}${names.length ? `?${names.map((n) => `${n}=12345`).join('&')}` : ''}`;
      expect(routeOf(r.method, url), `${r.method} ${url}`).toBe(expected);
      expect(routeOf(r.method, `${url}/`), `${r.method} ${url}/`).toBe(expected);
    }
  });

  it('sends unknown /api paths and wrong methods to the JSON not-found function', () => {
    expect(routeOf('GET', '/api/no-such-thing')).toBe(`/functions/${NOT_FOUND_FILE}`);
    expect(routeOf('DELETE', '/api/health')).toBe(`/functions/${NOT_FOUND_FILE}`);
    // a dot in a path is a dot, not any character
    expect(routeOf('POST', '/api/admin/claims/importxcsv')).toBe(`/functions/${NOT_FOUND_FILE}`);
  });

  it('schedules only crons whose path is routed', () => {
    const paths = new Set(ROUTES.map((r) => r.path));
    for (const c of (config as { crons?: { path: string }[] }).crons ?? []) expect(paths.has(c.path), c.path).toBe(true);
  });
});
