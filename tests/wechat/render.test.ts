// The pages drawn by WeChat's own template compilers: the upload-compiled WXML/WXSS compiled
// again by the official wcc/wcsc (miniprogram-compiler) inside miniprogram-simulate, and filled
// with the data the page's logic produced in the WeChat-like runtime from the real API.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR } from './support/paths.js';
import { startWorld, type World } from './support/world.js';

let world: World;
let simulate: typeof import('miniprogram-simulate');
let project: string;
let activityId: string;
let registration: { id: string; ticket: string | null };

beforeAll(async () => {
  world = await startWorld();
  activityId = await world.openActivityOf('cadre-liu');
  registration = await world.signUp('member-zhang', activityId);
  // A DOM for simulate's view layer; only its DOM names, so that the API's PGlite keeps Node's Blob.
  const window = new Window();
  const g = globalThis as Record<string, unknown>;
  for (const k of ['window', 'document', 'navigator', 'Node', 'Element', 'HTMLElement', 'Text', 'Event', 'CustomEvent', 'MouseEvent', 'TouchEvent', 'KeyboardEvent', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'MutationObserver', 'DocumentFragment', 'ShadowRoot'])
    if (g[k] === undefined && (window as unknown as Record<string, unknown>)[k] !== undefined) g[k] = (window as unknown as Record<string, unknown>)[k];
  simulate = (await import('miniprogram-simulate')).default;
  // A copy outside the repository (whose package.json says "type": "module"): simulate
  // require()s the component scripts as CommonJS.
  project = mkdtempSync(path.join(tmpdir(), 'union-wechat-render-'));
  cpSync(COMPILED_DIR, project, { recursive: true });
  // Taro's recursive `comp` component stands in as what it is to the template: a node to draw.
  writeFileSync(path.join(project, 'comp.js'), "Component({ options: { virtualHost: true }, properties: { i: { type: Object, value: {} }, l: { type: String, value: '' } } });\n");
});

afterAll(async () => {
  await world?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** The page's data after onLoad/onShow/onReady in the WeChat-like runtime, as the view layer receives it. */
async function pageData(route: string, query: Record<string, string>, openid: string) {
  const rt = await world.runtime('noop', openid);
  try {
    const page = await rt.openPage(route, query);
    expect(rt.errors).toEqual([]);
    return JSON.parse(JSON.stringify(page.data));
  } finally {
    rt.dispose();
  }
}

/** simulate prefixes a component's classes with its tag name ("main"). */
const cls = (name: string) => `.main--${name}`;

/** Draws a page with simulate and the official compiler; the page's script is replaced by its data. */
function render(route: string, data: unknown): HTMLElement {
  writeFileSync(path.join(project, `${route}.js`), `Component({ data: ${JSON.stringify(data)} });\n`);
  const id = simulate.load(path.join(project, route), { compiler: 'official', rootPath: project });
  const comp = simulate.render(id);
  comp.attach(document.createElement('parent-wrapper'));
  return comp.dom as HTMLElement;
}

describe('miniprogram-simulate with the official wcc/wcsc', () => {
  it('compiles every upload-compiled WXSS with wcsc and puts the page styles into the view', async () => {
    const compiler = (await import('miniprogram-compiler')).default;
    // wcsc's output is code for WeChat's view layer, run there as a function body.
    const styleOf = new Function(compiler.wxssToJs(project))() as (file: string) => (() => void) | undefined;
    for (const page of ['pages/activities/index', 'pages/ticket/index']) {
      const inject = styleOf(`${page}.wxss`);
      expect(typeof inject).toBe('function');
      inject!();
    }
    const css = Array.from(document.head.querySelectorAll('style')).map((e) => e.textContent).join('\n');
    expect(css).toContain('.activity-card');
    expect(css).toContain('.ticket-text');
  });

  it('draws the activity list with the activities the API returned', async () => {
    const data = await pageData('pages/activities/index', {}, 'member-zhang');
    const { token } = await world.session('member-zhang');
    const list = await world.api.get('/api/activities', { token });
    const dom = render('pages/activities/index', data);
    expect(dom.querySelectorAll(cls('activity-card')).length).toBe(list.body.items.length);
    expect(dom.querySelector(cls('activity-card__title'))?.textContent).toBe(list.body.items[0].title);
    expect(dom.querySelector(cls('chip--on'))?.textContent).toBe('全部');
  });

  it('draws the ticket page with the signed ticket text and its QR code', async () => {
    const data = await pageData('pages/ticket/index', { rid: registration.id, aid: activityId }, 'member-zhang');
    const dom = render('pages/ticket/index', data);
    expect(registration.ticket).toBeTruthy();
    expect(dom.querySelector(cls('ticket-text'))?.textContent).toContain(registration.ticket!);
    expect(dom.querySelector(cls('ticket-qr'))).not.toBeNull();
  });
});
