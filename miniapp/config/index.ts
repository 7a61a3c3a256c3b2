import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// Taro compiles this file itself (swc → CommonJS), so __dirname is available even though the
// repository root is "type": "module".
const sharedDir = path.resolve(__dirname, '../../shared');
const zodSlim = path.resolve(__dirname, '../src/vendor/zod-slim.ts');
const zodNoJsonSchema = path.resolve(__dirname, '../src/vendor/zod-no-json-schema.ts');

/** The weapp talks to an ICP-filed HTTPS domain on the mini-program's request whitelist. */
const API_BASE = process.env.API_BASE ?? 'https://union.example.cn/api';

/** Type-level members of the z namespace: they never reach the bundle. */
const Z_TYPE_MEMBERS = new Set(['infer', 'input', 'output', 'core']);
const Z_NESTED = new Set(['coerce', 'iso', 'locales']);

/**
 * src/vendor/zod-slim.ts lists the zod builders the bundle carries. A builder used in shared/
 * or miniapp/src but missing there would be `undefined` at run time on the phone, so the build
 * stops here instead, naming it.
 */
function checkZodSlim() {
  const slim = fs.readFileSync(zodSlim, 'utf8');
  const body = slim.slice(slim.indexOf('export const z = {'));
  const listed = new Set<string>();
  for (const m of body.matchAll(/^ {2}(\w+)\b/gm)) listed.add(m[1]);
  for (const m of body.matchAll(/^ {2}(\w+): \{([^}]*)\}/gm)) for (const k of m[2].split(',')) listed.add(`${m[1]}.${k.split(':')[0].trim()}`);
  const missing = new Set<string>();
  const scan = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) scan(p);
      else if (/\.tsx?$/.test(e.name) && p !== zodSlim) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/(?<![\w.$])z\.([a-z]\w*)(?:\.([a-z]\w*))?/g)) {
          if (Z_TYPE_MEMBERS.has(m[1])) continue;
          const name = Z_NESTED.has(m[1]) && m[2] ? `${m[1]}.${m[2]}` : m[1];
          if (!listed.has(name)) missing.add(name);
        }
      }
    }
  };
  scan(sharedDir);
  scan(path.resolve(__dirname, '../src'));
  if (missing.size) throw new Error(`miniapp/src/vendor/zod-slim.ts 缺少 zod 构造器：${[...missing].join(', ')}（请在该文件中补充）`);
}

/** `BUNDLE_STATS=/tmp/stats.json npm run build:weapp` writes webpack's module list, for size work. */
class WriteStats {
  constructor(private file: string) {}
  apply(compiler: any) {
    compiler.hooks.done.tap('write-stats', (stats: any) => {
      fs.writeFileSync(this.file, JSON.stringify(stats.toJson({ all: false, assets: true, chunks: true, ids: true, modules: true, modulesSpace: Infinity, nestedModules: true, groupModulesByType: false, groupModulesByPath: false, groupModulesByExtension: false, groupModulesByAttributes: false, groupModulesByCacheStatus: false, groupModulesByLayer: false, orphanModules: false, usedExports: true, reasons: true })));
    });
  }
}

/** Files that only declare the contract (no top-level statement but declarations): one list, in the babel plugin. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CONTRACT_FILES: RegExp = require('../babel-pure-contract.cjs').CONTRACT_FILE;

/**
 * zod's JSON Schema conversion, which every classic schema references but the app never runs,
 * becomes src/vendor/zod-no-json-schema.ts in the weapp and H5 builds (see that file).
 */
class ZodWithoutJsonSchema {
  apply(compiler: any) {
    compiler.hooks.normalModuleFactory.tap('zod-without-json-schema', (factory: any) => {
      factory.hooks.beforeResolve.tap('zod-without-json-schema', (data: any) => {
        if (/^\.\.?\/(core\/)?(to-json-schema|json-schema-processors)\.js$/.test(data.request) && /[\\/]node_modules[\\/]zod[\\/]v4[\\/]/.test(data.context)) {
          data.request = zodNoJsonSchema;
        }
      });
    });
  }
}

function webpackChain(chain: any) {
  // shared/ imports its siblings as './x.js' (Node ESM style) while the files are .ts. Taro's
  // webpack-chain predates `resolve.extensionAlias`, so set the raw webpack option.
  chain.resolve.set('extensionAlias', { '.js': ['.ts', '.tsx', '.js'] });
  chain.resolve.alias.set('zod$', zodSlim);
  // The contract's barrels (shared/schemas.ts re-exports every contract-*.ts, services/contract.ts
  // re-exports shared/schemas.ts) only declare schemas: marked free of side effects, an import
  // through them reaches just the file that declares the name, so a capability's schemas land with
  // the pages that use them (its sub-package) instead of in the main package with the barrel.
  chain.module.rule('contract-without-side-effects').test(CONTRACT_FILES).sideEffects(false);
  chain.plugin('zod-without-json-schema').use(ZodWithoutJsonSchema);
  if (process.env.BUNDLE_STATS) chain.plugin('write-stats').use(WriteStats, [process.env.BUNDLE_STATS]);
}

/**
 * Code only the cadre and office sub-packages need: stays in their own lazily loaded chunks in H5.
 * Ed25519 (@noble) and the ticket encoding are not among them since the member card (issue #15)
 * signs its codes on the phone: they load with the member pages, so the card opens offline. The
 * fixed-key verifier (the door's fast offline check) is the cadre's only.
 */
const CADRE_ONLY = /packages[\\/](cadre|office)|shared[\\/]domain[\\/]ed25519-fixed-key|hooks[\\/]use-scan/;

/**
 * H5 loads each page as an async chunk, and Taro splits only initial chunks: every page chunk
 * would carry its own copy of zod and NutUI, and a page never opened before could not open
 * offline (a member showing a ticket at a door without signal). So all member pages and what
 * they use load together, once, with the first page; the cadre pages stay lazy.
 */
function h5WebpackChain(chain: any) {
  webpackChain(chain);
  const split = chain.optimization.get('splitChunks');
  if (!split) return;
  chain.optimization.splitChunks({
    ...split,
    cacheGroups: {
      ...split.cacheGroups,
      memberPages: {
        name: 'member-pages',
        chunks: 'async',
        // CSS modules (mini-css-extract) have no `resource`; their identifier names the file.
        test: (m: { resource?: string; identifier?: () => string }) => {
          const id = m.resource ?? m.identifier?.() ?? '';
          return id !== '' && !CADRE_ONLY.test(id);
        },
        enforce: true,
        priority: 20,
      },
    },
  });
}

export default defineConfig<'webpack5'>(async (merge) => {
  checkZodSlim();
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'union-service',
    date: '2026-11-23',
    // NutUI React Taro is drawn at 375; we design at 375 too, so 1px here = 2rpx.
    designWidth: 375,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: 'dist/' + process.env.TARO_ENV,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(process.env.TARO_ENV === 'h5' ? '/api' : API_BASE),
      // One subscription-message template id per notice kind, the same env names as the server's
      // (README): the app asks the member for exactly the templates the server sends with.
      WECHAT_TEMPLATES: JSON.stringify({
        waitlist_promoted: process.env.WECHAT_TEMPLATE_WAITLIST_PROMOTED ?? '',
        activity_cancelled: process.env.WECHAT_TEMPLATE_ACTIVITY_CANCELLED ?? '',
        claim_status_changed: process.env.WECHAT_TEMPLATE_CLAIM_STATUS_CHANGED ?? '',
        lottery_result: process.env.WECHAT_TEMPLATE_LOTTERY_RESULT ?? '',
        aid_status_changed: process.env.WECHAT_TEMPLATE_AID_STATUS_CHANGED ?? '',
        join_application: process.env.WECHAT_TEMPLATE_JOIN_APPLICATION ?? '',
        membership_transfer: process.env.WECHAT_TEMPLATE_MEMBERSHIP_TRANSFER ?? '',
      }),
    },
    // the love stations' map marker (referenced from code, so Taro would not copy it by itself)
    copy: { patterns: [{ from: 'src/assets/map/', to: `dist/${process.env.TARO_ENV}/assets/map/` }], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // shared/ lives outside miniapp/: babel must compile it too. @noble/* ship `2n ** 256n`,
      // which WeChat's upload compile breaks: babel.config.cjs folds it (the WeChat check proves it).
      compile: { include: [sharedDir, (file: string) => /node_modules[\\/]@noble[\\/]/.test(file)] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedDir] },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: h5WebpackChain,
    },
  };
  return merge({}, base);
});
