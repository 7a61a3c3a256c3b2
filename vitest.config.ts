import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Database tests run on PGlite always, and again on a real PostgreSQL when TEST_DATABASE_URL is
// set (.ci/run sets it). Concurrency tests need the real server: PGlite has one connection.
const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  // `npm test` (scripts/test.ts) always provides one, starting an embedded PostgreSQL if needed.
  console.warn('vitest: TEST_DATABASE_URL is not set, so the postgres, faults and adapters projects are left out; `npm test` runs them all.');
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/support/global-setup.ts', 'tests/support/log-capture-setup.ts'],
    // Everything the server writes during the suite is kept for the privacy check (tests/privacy).
    setupFiles: ['tests/support/log-capture.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // The mini-program's request client and page logic, in Node with a Taro stub.
      {
        define: { API_BASE: JSON.stringify('/api'), 'process.env.TARO_ENV': JSON.stringify('h5') },
        resolve: { alias: [{ find: /^@tarojs\/taro$/, replacement: path.resolve('tests/miniapp/support/taro-stub.ts') }] },
        test: { name: 'miniapp', include: ['tests/miniapp/**/*.test.ts'], environment: 'node' },
      },
      { extends: true, test: { name: 'pglite', include: ['tests/api/**/*.test.ts'], env: { TEST_DB: 'pglite' } } },
      // Hostile requests at every route (FUZZ_RUNS per route); rate limits raised so that only the fuzzing decides.
      {
        extends: true,
        test: {
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          env: { TEST_DB: 'pglite', RATE_LIMIT_LOGIN_PER_MINUTE: '1000000', RATE_LIMIT_BIND_PER_MINUTE: '1000000', RATE_LIMIT_SIGNUP_PER_MINUTE: '1000000', RATE_LIMIT_UPLOADS_PER_MINUTE: '1000000', RATE_LIMIT_CLAIM_APPLICATIONS_PER_MINUTE: '1000000' },
        },
      },
      { extends: true, test: { name: 'privacy', include: ['tests/privacy/**/*.test.ts'], exclude: ['tests/privacy/log-check.test.ts'], env: { TEST_DB: 'pglite' } } },
      // Last, after every other project: nothing personal in what the whole run logged.
      { extends: true, test: { name: 'privacy-check', include: ['tests/privacy/log-check.test.ts'], sequence: { groupOrder: 1 } } },
      ...(pgUrl
        ? [{ extends: true as const, test: { name: 'postgres', include: ['tests/api/**/*.test.ts', 'tests/concurrency/**/*.test.ts'], env: { TEST_DB: 'postgres' } } }]
        : []),
      // Connections terminated under load (pg_terminate_backend): 503s, recovery, nothing half-written.
      ...(pgUrl ? [{ extends: true as const, test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], env: { TEST_DB: 'postgres' } } }] : []),
      // The Neon driver over a local WebSocket proxy to the same PostgreSQL.
      ...(pgUrl ? [{ extends: true as const, test: { name: 'adapters', include: ['tests/adapters/**/*.test.ts'] } }] : []),
      // The H5 build in Chromium, as members and cadres use it, against one `npm start` server
      // (its own PGlite with the demo data) started by tests/e2e/global-setup.ts.
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      // Inside WeChat: the weapp build (built when stale) through Tencent's upload compile
      // (miniprogram-ci, offline), every page in a WeChat-like runtime against the real API on
      // PGlite, the scanner end to end, the dialog limits, the code-quality check (docs/engineering.md).
      {
        extends: true,
        test: {
          name: 'wechat',
          include: ['tests/wechat/**/*.test.ts'],
          globalSetup: ['tests/wechat/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      // `vercel build` offline, then the built functions called as Vercel would (about a minute).
      { extends: true, test: { name: 'build', include: ['tests/build/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000 } },
    ],
  },
});
