// Unit tests of the mini-program's request client and page logic, run in Node without Taro:
//   npx vitest run --config tests/miniapp/vitest.config.ts
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.resolve(here, '../..'),
  define: {
    API_BASE: JSON.stringify('/api'),
    'process.env.TARO_ENV': JSON.stringify('h5'),
  },
  resolve: {
    alias: [{ find: /^@tarojs\/taro$/, replacement: path.join(here, 'support/taro-stub.ts') }],
  },
  test: {
    name: 'miniapp',
    include: ['tests/miniapp/**/*.test.ts'],
    environment: 'node',
  },
});
