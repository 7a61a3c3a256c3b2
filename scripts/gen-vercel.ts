// Writes vercel.json from functions/_lib/routes.ts (a test fails when the committed file is stale).
import { writeFileSync } from 'node:fs';
import { ROUTES, NOT_FOUND_FILE } from '../functions/_lib/routes.js';

export function vercelConfig() {
  const files = [...new Set([...ROUTES.map((r) => r.file), NOT_FOUND_FILE])].sort();
  return {
    $schema: 'https://openapi.vercel.sh/vercel.json',
    version: 2,
    regions: ['hkg1'],
    builds: files.map((file) => ({
      src: `functions/${file}`,
      use: '@vercel/node',
      // PGlite is the local default only; serverless functions talk to Neon.
      config: { excludeFiles: ['node_modules/@electric-sql/**', 'miniapp/**', 'tests/**', '.data/**'] },
    })),
    routes: [
      ...ROUTES.map((r) => {
        const names: string[] = [];
        const src = r.path.replace(/:([a-z]+)/g, (_m, name: string) => {
          names.push(name);
          return `(?<${name}>[^/]+)`;
        });
        const query = names.map((n) => `${n}=$${n}`).join('&');
        return { src: `^${src}/?$`, methods: [r.method], dest: `/functions/${r.file}${query ? `?${query}` : ''}` };
      }),
      { handle: 'filesystem' },
      { src: '^/api/.*$', dest: `/functions/${NOT_FOUND_FILE}` },
    ],
  };
}

if (process.argv[1]?.endsWith('gen-vercel.ts')) {
  writeFileSync('vercel.json', JSON.stringify(vercelConfig(), null, 2) + '\n');
  console.log('vercel.json written');
}
