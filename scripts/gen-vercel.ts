// Writes vercel.json from functions/_lib/routes.ts (`npm run gen:vercel`; tests/unit/vercel-config.test.ts
// fails while the committed file is stale, and tests/build proves Vercel's own build accepts it).
import { writeFileSync } from 'node:fs';
import { ROUTES, NOT_FOUND_FILE } from '../functions/_lib/routes.js';

/** The notification dispatcher, run by Vercel Cron every minute (with Authorization: Bearer $CRON_SECRET). */
const CRONS = [
  { path: '/api/internal/dispatch-notifications', schedule: '* * * * *' },
  { path: '/api/internal/run-draws', schedule: '* * * * *' },
];

const EXCLUDE_FROM_FUNCTIONS = [
  // PGlite is the local default only; serverless functions talk to Neon (19 MB → 2 MB per function).
  'node_modules/@electric-sql/**',
  // The functions are ES modules and import zod's ESM build; its CommonJS twin would only double
  // the bundle and the build's tracing time.
  'node_modules/zod/**/*.cjs',
  'miniapp/**',
  'tests/**',
  '.data/**',
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `/api/activities/:id/cancel` → `^/api/activities/(?<id>[^/]+)/cancel/?$`, and the query that hands `id` on. */
function routeSource(path: string): { src: string; query: string } {
  const names: string[] = [];
  const src = path
    .split(/(:[a-z]+)/)
    .map((part) => {
      if (!part.startsWith(':')) return escapeRegExp(part);
      names.push(part.slice(1));
      return `(?<${part.slice(1)}>[^/]+)`;
    })
    .join('');
  return { src: `^${src}/?$`, query: names.map((n) => `${n}=$${n}`).join('&') };
}

export function vercelConfig() {
  const files = [...new Set([...ROUTES.map((r) => r.file), NOT_FOUND_FILE])].sort();
  const routed = new Set(ROUTES.map((r) => r.path));
  const crons = CRONS.filter((c) => routed.has(c.path));
  return {
    $schema: 'https://openapi.vercel.sh/vercel.json',
    version: 2,
    regions: ['hkg1'],
    builds: files.map((file) => ({
      src: `functions/${file}`,
      use: '@vercel/node',
      config: { excludeFiles: EXCLUDE_FROM_FUNCTIONS },
    })),
    routes: [
      ...ROUTES.map((r) => {
        const { src, query } = routeSource(r.path);
        return { src, methods: [r.method], dest: `/functions/${r.file}${query ? `?${query}` : ''}` };
      }),
      { handle: 'filesystem' },
      { src: '^/api/.*$', dest: `/functions/${NOT_FOUND_FILE}` },
    ],
    ...(crons.length ? { crons } : {}),
  };
}

if (process.argv[1]?.endsWith('gen-vercel.ts')) {
  writeFileSync('vercel.json', JSON.stringify(vercelConfig(), null, 2) + '\n');
  console.log('vercel.json written');
}
