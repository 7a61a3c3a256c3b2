import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
/** Taro's weapp build (`npm run build:weapp`): what the DevTools would upload. */
export const WEAPP_DIST = path.join(ROOT, 'miniapp/dist/weapp');
/** What Tencent's upload compile made of it: the code that runs on the phone. */
export const WECHAT_DIR = path.join(ROOT, '.data/wechat');
export const COMPILED_DIR = path.join(WECHAT_DIR, 'compiled');
export const KEY_FILE = path.join(WECHAT_DIR, 'upload-key.pem');
export const CI_CHILD = path.join(ROOT, 'tests/wechat/support/ci-child.ts');
/** Everything a weapp build is made from: a build older than any of these is rebuilt. */
export const WEAPP_SOURCES = ['miniapp/src', 'miniapp/config', 'shared', 'miniapp/babel.config.cjs', 'miniapp/babel-fold-bigint-pow.cjs', 'miniapp/project.config.json'].map((p) => path.join(ROOT, p));
