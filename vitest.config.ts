import { defineConfig } from 'vitest/config';

// Database tests run on PGlite always, and again on a real PostgreSQL when TEST_DATABASE_URL is
// set (.ci/run sets it). Concurrency tests need the real server: PGlite has one connection.
const pgUrl = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'pglite', include: ['tests/api/**/*.test.ts'], env: { TEST_DB: 'pglite' } } },
      ...(pgUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: ['tests/api/**/*.test.ts', 'tests/concurrency/**/*.test.ts'], env: { TEST_DB: 'postgres' } } }]
        : []),
      // The Neon driver over a local WebSocket proxy to the same PostgreSQL.
      ...(pgUrl ? [{ extends: true as const, test: { name: 'adapters', include: ['tests/adapters/**/*.test.ts'] } }] : []),
      // `vercel build` offline, then the built functions called as Vercel would (about a minute).
      { extends: true, test: { name: 'build', include: ['tests/build/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
