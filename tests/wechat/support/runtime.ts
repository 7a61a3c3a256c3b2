// A stand-in for WeChat's logic layer (the JS engine a mini-program's code runs in), for the code
// Tencent's upload compile produced: a Node `vm` context holding only ECMAScript built-ins, plus
// what WeChat adds — `wx`, App/Page/Component/getApp/getCurrentPages, timers, console, and its
// module wrapper (`define(path, factory)` / `require(path)`, browser names passed as undefined).
// `new Function(body)` behaves as reported on phones: only 'return this' works; any other body
// gives a function that does nothing (variant 'noop': a plain call gives undefined) or throws
// (variant 'throw'). eval and string code generation are off. wx.request goes over HTTP to a real
// API server; UI calls are checked against WeChat's limits and refused when they break them.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { wechatUiViolation } from './ui-limits.js';

export type FunctionVariant = 'noop' | 'throw';

export type RuntimeOptions = {
  /** The upload-compiled mini-program. */
  root: string;
  variant: FunctionVariant;
  /** Where wx.request really goes (the local API server), e.g. http://127.0.0.1:4321. */
  apiOrigin: string;
  /** The API origin baked into the build (config/index.ts API_BASE): rewritten to apiOrigin. */
  builtApiOrigin?: string;
  storage?: Record<string, unknown>;
};

type AnyFn = (...args: any[]) => any;
type WxCallbacks = { success?: AnyFn; fail?: AnyFn; complete?: AnyFn };
export type PageInstance = Record<string, any> & { route: string; data: any };

/** WeChat's module wrapper: the factory receives these, the browser ones as undefined. */
const WRAPPER_PARAMS =
  'require, module, exports, window, document, frames, self, location, navigator, localStorage, history, Caches, screen, alert, confirm, prompt, XMLHttpRequest, WebSocket, Reporter, webkit, WeixinJSCore';

function listJs(root: string, dir = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(path.join(root, dir))) {
    const rel = dir ? `${dir}/${e}` : e;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...listJs(root, rel));
    else if (rel.endsWith('.js')) out.push(rel);
  }
  return out;
}

/** Taro's setData keys: `root.cn.[0].v`, `root.cn[2].cl`. */
function setPath(target: any, key: string, value: unknown) {
  const tokens = [...key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
  let o = target;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (o[t] === undefined || o[t] === null || typeof o[t] !== 'object') o[t] = typeof tokens[i + 1] === 'number' ? [] : {};
    o = o[t];
  }
  o[tokens[tokens.length - 1]] = value;
}

export class WeChatRuntime {
  /** Exceptions: thrown in lifecycles, timers, callbacks, console.error, App.onError, unhandled rejections. */
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  /** Calls WeChat would refuse (UI limits, tap-only APIs outside a tap). */
  readonly violations: string[] = [];
  /** Every `new Function(body)` other than 'return this'. */
  readonly functionBodies: string[] = [];
  readonly calls: { api: string; options: any; at?: number; cpu?: number }[] = [];
  /**
   * When each wx API answered (success or fail ran): performance.now() of this process, and the
   * CPU time this process had used by then (cpuMs(); wall time also counts waiting for a busy CPU).
   */
  readonly answers: { api: string; ok: boolean; at: number; cpu: number }[] = [];
  readonly navigations: string[] = [];
  readonly storage = new Map<string, unknown>();
  readonly pageStack: PageInstance[] = [];
  /** Codes the camera "sees", one per wx.scanCode; empty: the cadre closes the camera. */
  readonly scanQueue: string[] = [];
  /** The answer to wx.showModal (true: the confirm button). */
  modalAnswer: (options: any) => boolean = () => false;
  /** The member's answer in wx.requestSubscribeMessage's dialog, per template id ('accept' | 'reject'). */
  subscribeAnswer: (templateId: string) => 'accept' | 'reject' = () => 'accept';
  /** Tap-only APIs the person dismisses (closes the chat picker, declines): they answer fail. */
  readonly dismissed = new Set<string>();
  online = true;

  private ctx: vm.Context;
  private vmJSON: JSON;
  private factories = new Map<string, AnyFn>();
  private modules = new Map<string, { exports: any }>();
  private pageConfigs = new Map<string, any>();
  private componentConfigs = new Map<string, any>();
  private app: any = null;
  private loadingRoute: string | null = null;
  private timers = new Map<number, { handle: NodeJS.Timeout; interval: boolean }>();
  private nextTimer = 1;
  private inflight = 0;
  private inTap = false;
  private files = new Map<string, Buffer>();
  private fileCounter = 0;
  private networkListeners: AnyFn[] = [];
  private appJson: any;
  private onRejection = (reason: unknown) => this.errors.push(`unhandled rejection: ${describe(reason)}`);

  constructor(private options: RuntimeOptions) {
    this.appJson = JSON.parse(readFileSync(path.join(options.root, 'app.json'), 'utf8'));
    for (const [k, v] of Object.entries(options.storage ?? {})) this.storage.set(k, v);
    // Only ECMAScript built-ins: no console, timers, TextEncoder, URL, fetch, crypto, structuredClone.
    this.ctx = vm.createContext({}, { name: 'wechat-logic-layer', codeGeneration: { strings: false, wasm: false } });
    this.vmJSON = vm.runInContext('JSON', this.ctx);
    vm.runInContext(
      `(function (variant, record) {
        const real = Function;
        const global = globalThis;
        function WxFunction() {
          const body = arguments.length ? String(arguments[arguments.length - 1]) : '';
          if (arguments.length <= 1 && body.trim() === 'return this') return function () { return global; };
          record(body);
          if (variant === 'throw') throw new Error('Function is not supported');
          return new.target ? function () {} : undefined;
        }
        WxFunction.prototype = real.prototype;
        Object.defineProperty(real.prototype, 'constructor', { value: WxFunction, writable: true, configurable: true });
        globalThis.Function = WxFunction;
        delete globalThis.eval;
      })`,
      this.ctx,
    )(options.variant, (body: string) => this.functionBodies.push(body.slice(0, 120)));
    this.installGlobals();
    process.on('unhandledRejection', this.onRejection);
  }

  // ---- globals ---------------------------------------------------------------------------------

  private guard<T extends AnyFn>(where: string, fn: T): T {
    const self = this;
    return function (this: unknown, ...args: any[]) {
      try {
        return fn.apply(this, args);
      } catch (err) {
        self.reportError(where, err);
        return undefined;
      }
    } as T;
  }

  reportError(where: string, err: unknown) {
    const text = `${where}: ${describe(err)}`;
    this.errors.push(text);
    try {
      this.app?.onError?.(text);
    } catch {
      /* an onError that throws is already reported */
    }
  }

  private installGlobals() {
    const g = vm.runInContext('globalThis', this.ctx);
    const setTimer = (interval: boolean) => (fn: AnyFn, ms = 0, ...args: any[]) => {
      const id = this.nextTimer++;
      const run = this.guard(interval ? 'setInterval' : 'setTimeout', () => {
        if (!interval) this.timers.delete(id);
        fn(...args);
      });
      const handle = interval ? setInterval(run, ms) : setTimeout(run, ms);
      this.timers.set(id, { handle, interval });
      return id;
    };
    const clear = (id: number) => {
      const t = this.timers.get(id);
      if (!t) return;
      if (t.interval) clearInterval(t.handle);
      else clearTimeout(t.handle);
      this.timers.delete(id);
    };
    g.setTimeout = setTimer(false);
    g.setInterval = setTimer(true);
    g.clearTimeout = clear;
    g.clearInterval = clear;
    g.console = {
      log() {},
      info() {},
      debug() {},
      warn: (...a: unknown[]) => this.warnings.push(a.map(describe).join(' ')),
      error: (...a: unknown[]) => this.errors.push(`console.error: ${a.map(describe).join(' ')}`),
      group() {},
      groupEnd() {},
      time() {},
      timeEnd() {},
    };
    g.wx = this.createWx();
    g.__wxConfig = { pages: this.appJson.pages, subPackages: this.appJson.subPackages ?? [], tabBar: this.appJson.tabBar, global: { window: this.appJson.window ?? {} }, envVersion: 'develop', platform: 'ios' };
    g.define = (name: string, factory: AnyFn) => this.factories.set(name, factory);
    g.require = (name: string) => this.load(this.resolve('', name));
    g.App = (config: any) => {
      this.app = config;
    };
    g.getApp = () => this.app;
    g.Page = (config: any) => {
      if (!this.loadingRoute) throw new Error('Page() called outside a page file');
      this.pageConfigs.set(this.loadingRoute, config);
    };
    g.Component = (config: any) => {
      this.componentConfigs.set(this.loadingRoute ?? 'component', config);
    };
    g.Behavior = (config: any) => config;
    g.getCurrentPages = () => [...this.pageStack];
    g.requirePlugin = () => {
      throw new Error('no plugins');
    };
  }

  // ---- modules ---------------------------------------------------------------------------------

  /** Defines every compiled file, as WeChat's app-service does before running app.js. */
  defineAll() {
    for (const file of listJs(this.options.root)) {
      const code = readFileSync(path.join(this.options.root, file), 'utf8');
      vm.runInContext(`define(${JSON.stringify(file)}, function (${WRAPPER_PARAMS}) {${code}\n});`, this.ctx, { filename: file });
    }
  }

  private resolve(from: string, request: string): string {
    let p = request.startsWith('/') ? request.slice(1) : path.posix.join(path.posix.dirname(from), request);
    p = path.posix.normalize(p);
    if (!p.endsWith('.js')) p += '.js';
    return p;
  }

  private load(name: string): any {
    const cached = this.modules.get(name);
    if (cached) return cached.exports;
    const factory = this.factories.get(name);
    if (!factory) throw new Error(`module "${name}" is not defined`);
    const module = { exports: {} };
    this.modules.set(name, module);
    const req = (r: string) => this.load(this.resolve(name, r));
    factory.call(undefined, req, module, module.exports);
    return module.exports;
  }

  // ---- app and pages ---------------------------------------------------------------------------

  /** app.js, then App's onLaunch and onShow. */
  launch(path = this.appJson.pages[0], query: Record<string, string> = {}) {
    this.defineAll();
    this.guard('app.js', () => this.load('app.js'))();
    if (!this.app) throw new Error(`App() was not called: ${this.errors.join('\n')}`);
    const launch = { path, query, scene: 1001, referrerInfo: {} };
    this.guard('App.onLaunch', () => this.app.onLaunch?.(launch))();
    this.guard('App.onShow', () => this.app.onShow?.(launch))();
  }

  allPages(): string[] {
    const sub = (this.appJson.subPackages ?? this.appJson.subpackages ?? []).flatMap((s: { root: string; pages: string[] }) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`));
    return [...this.appJson.pages, ...sub];
  }

  /** Runs a page file (its chunks register with webpack, Page() is called) without opening it. */
  requirePage(route: string) {
    if (this.pageConfigs.has(route)) return;
    this.loadingRoute = route;
    try {
      this.guard(`${route}.js`, () => this.load(`${route}.js`))();
    } finally {
      this.loadingRoute = null;
    }
  }

  /**
   * webpack's require inside the compiled bundle, for measuring one module's functions: a chunk
   * pushed onto wx.webpackJsonp with a runtime callback is handed it, as entry chunks are.
   */
  webpackRequire(): ((id: string | number) => any) & { m: Record<string, AnyFn> } {
    let req: any = null;
    const wx = vm.runInContext('wx', this.ctx);
    wx.webpackJsonp.push([[`wechat-check-${Date.now()}`], {}, (r: unknown) => (req = r)]);
    if (!req) throw new Error('webpack runtime did not run the chunk callback');
    return req;
  }

  /** Loads a page file, creates its instance and runs onLoad → onShow → (first render) → onReady. */
  async openPage(route: string, query: Record<string, string> = {}): Promise<PageInstance> {
    this.requirePage(route);
    const config = this.pageConfigs.get(route);
    if (!config) throw new Error(`${route}: Page() was not called (${this.errors.join('; ')})`);
    const inst: PageInstance = { ...config, data: this.vmJSON.parse(JSON.stringify(config.data ?? {})), route, __route__: route, options: query };
    const rt = this;
    Object.assign(inst, {
      setData(this: PageInstance, patch: Record<string, unknown>, cb?: AnyFn) {
        for (const [k, v] of Object.entries(patch ?? {})) setPath(this.data, k, v);
        if (cb) setTimeout(rt.guard(`${route} setData callback`, cb), 0);
      },
      selectComponent: () => null,
      selectAllComponents: () => [],
      createSelectorQuery: () => rt.selectorQuery(),
      getPageId: () => `pageId:${rt.pageStack.length + 1}`,
      getOpenerEventChannel: () => ({ on() {}, once() {}, off() {}, emit() {} }),
    });
    this.pageStack.push(inst);
    this.guard(`${route} onLoad`, () => inst.onLoad?.call(inst, { ...query }))();
    this.guard(`${route} onShow`, () => inst.onShow?.call(inst))();
    await this.settle();
    this.guard(`${route} onReady`, () => inst.onReady?.call(inst))();
    await this.settle();
    return inst;
  }

  async closePage(inst: PageInstance) {
    this.guard(`${inst.route} onHide`, () => inst.onHide?.call(inst))();
    this.guard(`${inst.route} onUnload`, () => inst.onUnload?.call(inst))();
    const i = this.pageStack.indexOf(inst);
    if (i >= 0) this.pageStack.splice(i, 1);
    await this.settle();
  }

  /** Until no request is in flight and rendering has had its turn. */
  async settle(maxMs = 8000) {
    const until = Date.now() + maxMs;
    let quiet = 0;
    while (Date.now() < until && quiet < 3) {
      await new Promise((r) => setTimeout(r, 15));
      quiet = this.inflight === 0 ? quiet + 1 : 0;
    }
  }

  // ---- reading and tapping the rendered tree (Taro's page data) ---------------------------------

  /** Taro nodes whose class list has `className`. */
  findAll(inst: PageInstance, className: string): any[] {
    const found: any[] = [];
    const walk = (n: any) => {
      if (!n || typeof n !== 'object') return;
      if (typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className)) found.push(n);
      for (const c of n.cn ?? []) walk(c);
    };
    walk(inst.data.root);
    return found;
  }

  find(inst: PageInstance, className: string): any {
    const [n] = this.findAll(inst, className);
    if (!n) throw new Error(`${inst.route}: no element with class "${className}"`);
    return n;
  }

  text(node: any): string {
    if (!node) return '';
    if (typeof node.v === 'string') return node.v;
    return (node.cn ?? []).map((c: any) => this.text(c)).join('');
  }

  pageText(inst: PageInstance): string {
    return this.text(inst.data.root);
  }

  /** A user's tap on the element with that class: dispatched through Taro's event handler, as WeChat does. */
  async tap(inst: PageInstance, className: string, type = 'tap', detail: Record<string, unknown> = {}) {
    await this.tapNode(inst, this.find(inst, className), type, detail, className);
  }

  async tapNode(inst: PageInstance, node: any, type = 'tap', detail: Record<string, unknown> = {}, className = String(node?.cl ?? '')) {
    const sid = node.sid ?? node.uid ?? node.id;
    const target = { id: sid, dataset: { sid } };
    const event = this.vmJSON.parse(JSON.stringify({ type, timeStamp: Date.now(), target, currentTarget: target, detail: { x: 0, y: 0, ...detail }, touches: [], changedTouches: [] }));
    this.inTap = true;
    try {
      this.guard(`${inst.route} ${type} .${className}`, () => inst.eh.call(inst, event))();
    } finally {
      this.inTap = false;
    }
    await this.settle();
  }

  /** A value copied into the runtime's realm (its own Object, Array, JSON). */
  clone<T>(value: T): T {
    return this.vmJSON.parse(JSON.stringify(value));
  }

  setOnline(online: boolean) {
    this.online = online;
    for (const l of this.networkListeners) this.guard('onNetworkStatusChange', l)({ isConnected: online, networkType: online ? 'wifi' : 'none' });
  }

  dispose() {
    process.off('unhandledRejection', this.onRejection);
    for (const t of this.timers.values()) (t.interval ? clearInterval : clearTimeout)(t.handle);
    this.timers.clear();
  }

  // ---- wx --------------------------------------------------------------------------------------

  private selectorQuery() {
    const q: any = {
      in: () => q,
      select: () => q,
      selectAll: () => q,
      selectViewport: () => q,
      boundingClientRect: () => q,
      scrollOffset: () => q,
      fields: () => q,
      node: () => q,
      exec: (cb?: AnyFn) => cb && setTimeout(this.guard('SelectorQuery.exec', () => cb([])), 0),
    };
    return q;
  }

  /** Calls success/fail/complete later, as WeChat does, reporting exceptions they throw. */
  private answer(api: string, o: WxCallbacks | undefined, ok: boolean, res: Record<string, unknown>) {
    const out = this.vmJSON.parse(JSON.stringify({ errMsg: `${api}:${ok ? 'ok' : 'fail'}${ok ? '' : ` ${res.reason ?? ''}`}`.trim(), ...res }));
    setTimeout(() => {
      this.answers.push({ api, ok, at: performance.now(), cpu: cpuMs() });
      if (ok) this.guard(`${api} success`, () => o?.success?.(out))();
      else this.guard(`${api} fail`, () => o?.fail?.(out))();
      this.guard(`${api} complete`, () => o?.complete?.(out))();
    }, 0);
  }

  private createWx(): Record<string, unknown> {
    const rt = this;
    const ok = (api: string, res: Record<string, unknown> = {}) => (o?: any) => {
      rt.calls.push({ api, options: o, at: performance.now(), cpu: cpuMs() });
      rt.answer(api, o, true, res);
    };
    const ui = (api: string, res: (o: any) => Record<string, unknown>) => (o: any = {}) => {
      rt.calls.push({ api, options: o });
      const refused = wechatUiViolation(api, o);
      if (refused) {
        rt.violations.push(`${api}: ${refused} (${JSON.stringify(o)})`);
        return rt.answer(api, o, false, { reason: refused });
      }
      rt.answer(api, o, true, res(o));
    };
    const tapOnly = (api: string, res: (o: any) => Record<string, unknown>) => (o: any = {}) => {
      rt.calls.push({ api, options: o });
      if (!rt.inTap) {
        rt.violations.push(`${api} called outside a tap handler`);
        return rt.answer(api, o, false, { reason: 'can only be invoked by user TAP gesture.' });
      }
      if (rt.dismissed.has(api)) return rt.answer(api, o, false, { reason: 'cancel' });
      rt.answer(api, o, true, res(o));
    };
    const nav = (api: string) => (o: any = {}) => {
      rt.calls.push({ api, options: o });
      rt.navigations.push(`${api} ${o.url ?? o.delta ?? ''}`);
      rt.answer(api, o, true, {});
    };
    const systemInfo = {
      brand: 'iPhone',
      model: 'iPhone 12',
      pixelRatio: 3,
      screenWidth: 390,
      screenHeight: 844,
      windowWidth: 390,
      windowHeight: 844,
      statusBarHeight: 47,
      language: 'zh_CN',
      version: '8.0.50',
      system: 'iOS 14.0',
      platform: 'ios',
      SDKVersion: '2.21.2',
      fontSizeSetting: 16,
      safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
      theme: 'light',
    };
    const clone = (v: unknown) => (v === undefined ? undefined : rt.vmJSON.parse(JSON.stringify(v)));
    const fs = {
      readFileSync(p: string, encoding?: string) {
        const b = rt.files.get(p);
        if (!b) throw new Error(`readFileSync:fail no such file or directory ${p}`);
        return encoding ? b.toString(encoding as BufferEncoding) : b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
      },
      writeFileSync(p: string, data: string | ArrayBuffer) {
        rt.files.set(p, typeof data === 'string' ? Buffer.from(data) : Buffer.from(data));
      },
      accessSync(p: string) {
        if (!rt.files.has(p)) throw new Error(`accessSync:fail no such file or directory ${p}`);
      },
      unlinkSync(p: string) {
        rt.files.delete(p);
      },
    };

    return {
      env: { USER_DATA_PATH: 'wxfile://usr' },
      canIUse: () => true,
      getSystemInfoSync: () => clone(systemInfo),
      getSystemInfo: ok('getSystemInfo', systemInfo),
      getWindowInfo: () => clone(systemInfo),
      getDeviceInfo: () => clone(systemInfo),
      getAppBaseInfo: () => clone(systemInfo),
      getSystemSetting: () => clone({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true, deviceOrientation: 'portrait' }),
      getMenuButtonBoundingClientRect: () => clone({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }),
      getLaunchOptionsSync: () => clone({ path: this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }),
      getEnterOptionsSync: () => clone({ path: this.appJson.pages[0], query: {}, scene: 1001, referrerInfo: {} }),
      getAccountInfoSync: () => clone({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
      getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
      nextTick: (fn: AnyFn) => setTimeout(rt.guard('nextTick', fn), 0),
      onAppShow() {},
      offAppShow() {},
      onAppHide() {},
      offAppHide() {},
      onError() {},
      offError() {},
      onUnhandledRejection() {},
      offUnhandledRejection() {},
      onPageNotFound() {},
      offPageNotFound() {},
      onThemeChange() {},
      offThemeChange() {},
      onMemoryWarning() {},
      reportAnalytics() {},
      reportEvent() {},
      createSelectorQuery: () => rt.selectorQuery(),
      createIntersectionObserver: () => ({ relativeTo: () => ({ observe() {} }), relativeToViewport: () => ({ observe() {} }), observe() {}, disconnect() {} }),

      getStorageSync: (key: string) => clone(rt.storage.has(key) ? rt.storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void rt.storage.set(key, JSON.parse(JSON.stringify(value))),
      removeStorageSync: (key: string) => void rt.storage.delete(key),
      clearStorageSync: () => rt.storage.clear(),
      getStorageInfoSync: () => clone({ keys: [...rt.storage.keys()], currentSize: 1, limitSize: 10240 }),
      getStorage: (o: any) => (rt.storage.has(o.key) ? rt.answer('getStorage', o, true, { data: rt.storage.get(o.key) }) : rt.answer('getStorage', o, false, { reason: 'data not found' })),
      setStorage: (o: any) => {
        rt.storage.set(o.key, JSON.parse(JSON.stringify(o.data)));
        rt.answer('setStorage', o, true, {});
      },
      removeStorage: (o: any) => {
        rt.storage.delete(o.key);
        rt.answer('removeStorage', o, true, {});
      },

      request(o: any) {
        rt.calls.push({ api: 'request', options: o });
        const built = rt.options.builtApiOrigin ?? 'https://union.example.cn';
        let url: string = String(o.url).replace(built, rt.options.apiOrigin);
        const method = String(o.method ?? 'GET').toUpperCase();
        let body: string | undefined;
        if (o.data !== undefined && o.data !== null) {
          if (method === 'GET') {
            const q = new URLSearchParams(Object.entries(o.data).map(([k, v]) => [k, String(v)])).toString();
            if (q) url += (url.includes('?') ? '&' : '?') + q;
          } else body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
        }
        const controller = new AbortController();
        if (!rt.online) {
          rt.answer('request', o, false, { reason: '-1:net::ERR_INTERNET_DISCONNECTED', errno: 600001 });
          return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
        }
        rt.inflight++;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(o.header ?? {})) headers[k] = String(v);
        if (body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
        fetch(url, { method, headers, body, signal: controller.signal })
          .then(async (res) => {
            const text = await res.text();
            let data: unknown = text;
            if ((o.dataType ?? 'json') === 'json') {
              try {
                data = rt.vmJSON.parse(text);
              } catch {
                data = text;
              }
            }
            const header: Record<string, string> = {};
            res.headers.forEach((v, k) => (header[k] = v));
            const out = { statusCode: res.status, data, header: rt.vmJSON.parse(JSON.stringify(header)), cookies: [], errMsg: 'request:ok' };
            rt.guard('request success', () => o.success?.(out))();
            rt.guard('request complete', () => o.complete?.(out))();
          })
          .catch((err) => {
            const out = rt.vmJSON.parse(JSON.stringify({ errMsg: `request:fail ${controller.signal.aborted ? 'abort' : String(err?.message ?? err)}` }));
            rt.guard('request fail', () => o.fail?.(out))();
            rt.guard('request complete', () => o.complete?.(out))();
          })
          .finally(() => rt.inflight--);
        return { abort: () => controller.abort(), onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
      },
      downloadFile(o: any) {
        rt.calls.push({ api: 'downloadFile', options: o });
        const url = String(o.url).replace(rt.options.builtApiOrigin ?? 'https://union.example.cn', rt.options.apiOrigin);
        if (!rt.online) {
          rt.answer('downloadFile', o, false, { reason: 'net::ERR_INTERNET_DISCONNECTED' });
          return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
        }
        rt.inflight++;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(o.header ?? {})) headers[k] = String(v);
        fetch(url, { headers })
          .then(async (res) => {
            const p = `wxfile://tmp_${++rt.fileCounter}${path.extname(new URL(url).pathname) || '.tmp'}`;
            rt.files.set(p, Buffer.from(await res.arrayBuffer()));
            rt.answer('downloadFile', o, true, { tempFilePath: p, statusCode: res.status });
          })
          .catch((err) => rt.answer('downloadFile', o, false, { reason: String(err?.message ?? err) }))
          .finally(() => rt.inflight--);
        return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
      },
      getFileSystemManager: () => fs,
      getNetworkType: (o: any) => rt.answer('getNetworkType', o, true, { networkType: rt.online ? 'wifi' : 'none' }),
      onNetworkStatusChange: (cb: AnyFn) => void rt.networkListeners.push(cb),
      offNetworkStatusChange: (cb?: AnyFn) => {
        if (!cb) rt.networkListeners.length = 0;
        else rt.networkListeners.splice(rt.networkListeners.indexOf(cb) >>> 0, 1);
      },
      login: ok('login', { code: 'wechat-check-code' }),
      checkSession: ok('checkSession'),
      getSetting: ok('getSetting', { authSetting: {} }),
      openSetting: ok('openSetting', { authSetting: {} }),
      authorize: ok('authorize'),
      getPrivacySetting: ok('getPrivacySetting', { needAuthorization: false, privacyContractName: '《用户隐私保护指引》' }),
      requirePrivacyAuthorize: ok('requirePrivacyAuthorize'),
      openPrivacyContract: ok('openPrivacyContract'),
      onNeedPrivacyAuthorization() {},

      showModal: ui('showModal', (o) => {
        const confirm = !!rt.modalAnswer(o);
        return { confirm, cancel: !confirm };
      }),
      showToast: ui('showToast', () => ({})),
      showActionSheet: ui('showActionSheet', () => ({ tapIndex: 0 })),
      showLoading: ui('showLoading', () => ({})),
      hideToast: ok('hideToast'),
      hideLoading: ok('hideLoading'),
      setNavigationBarTitle: ok('setNavigationBarTitle'),
      setNavigationBarColor: ok('setNavigationBarColor'),
      setBackgroundColor: ok('setBackgroundColor'),
      setBackgroundTextStyle: ok('setBackgroundTextStyle'),
      showNavigationBarLoading: ok('showNavigationBarLoading'),
      hideNavigationBarLoading: ok('hideNavigationBarLoading'),
      hideHomeButton: ok('hideHomeButton'),
      setTabBarBadge: ok('setTabBarBadge'),
      removeTabBarBadge: ok('removeTabBarBadge'),
      showTabBarRedDot: ok('showTabBarRedDot'),
      hideTabBarRedDot: ok('hideTabBarRedDot'),
      showTabBar: ok('showTabBar'),
      hideTabBar: ok('hideTabBar'),
      startPullDownRefresh: ok('startPullDownRefresh'),
      stopPullDownRefresh: ok('stopPullDownRefresh'),
      pageScrollTo: ok('pageScrollTo'),
      vibrateShort: ok('vibrateShort'),
      vibrateLong: ok('vibrateLong'),
      setKeepScreenOn: ok('setKeepScreenOn'),
      setScreenBrightness: ok('setScreenBrightness'),
      getScreenBrightness: ok('getScreenBrightness', { value: 0.5 }),
      makePhoneCall: ok('makePhoneCall'),
      openLocation: ok('openLocation'),
      previewImage: ok('previewImage'),
      setClipboardData: ok('setClipboardData'),
      getClipboardData: ok('getClipboardData', { data: '' }),
      scanCode(o: any) {
        rt.calls.push({ api: 'scanCode', options: o });
        const code = rt.scanQueue.shift();
        if (code === undefined) rt.answer('scanCode', o, false, { reason: 'cancel' });
        else rt.answer('scanCode', o, true, { result: code, scanType: 'QR_CODE', charSet: 'utf-8' });
      },
      shareFileMessage: tapOnly('shareFileMessage', () => ({})),
      requestSubscribeMessage: (o: any = {}) => {
        // WeChat takes 1 to 3 template ids per call (errCode 10001/20003 otherwise).
        const ids = o.tmplIds;
        if (!Array.isArray(ids) || ids.length < 1 || ids.length > 3 || ids.some((id: unknown) => typeof id !== 'string' || !id)) {
          rt.calls.push({ api: 'requestSubscribeMessage', options: o });
          rt.violations.push(`requestSubscribeMessage: tmplIds must be 1–3 template ids (${JSON.stringify(ids)})`);
          return rt.answer('requestSubscribeMessage', o, false, { reason: 'TmplIds can not be empty or over 3', errCode: 10001 });
        }
        return tapOnly('requestSubscribeMessage', () => Object.fromEntries(ids.map((id: string) => [id, rt.subscribeAnswer(id)])))(o);
      },
      navigateTo: nav('navigateTo'),
      redirectTo: nav('redirectTo'),
      switchTab: nav('switchTab'),
      reLaunch: nav('reLaunch'),
      navigateBack: nav('navigateBack'),
    };
  }
}

/** CPU time (user + system) this process has used, in ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function describe(v: unknown): string {
  if (v && typeof v === 'object' && 'stack' in v && typeof (v as Error).stack === 'string') return (v as Error).stack!.split('\n').slice(0, 4).join(' | ');
  if (v && typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}
