// Every native dialog the mini-program can show, found by walking miniapp/src: WeChat refuses a
// showModal whose confirm/cancel text is over 4 characters (tapping 取消活动 did nothing) and
// cuts a toast with an icon at 7. The WeChat-like runtime refuses the same calls at run time.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/paths.js';
import { LIMITS, wechatUiViolation } from './support/ui-limits.js';

type Site = { where: string; api: string; options: Record<string, unknown>; dynamic: string[] };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(e) ? [p] : [];
  });
}

/** The wrappers in utils/feedback.ts, by the position of each argument; defaults read from their source. */
const WRAPPERS: Record<string, { api: string; args: string[] }> = {
  confirm: { api: 'showModal', args: ['title', 'content', 'confirmText', 'cancelText'] },
  alert: { api: 'showModal', args: ['title', 'content'] },
  toast: { api: 'showToast', args: ['title', 'icon'] },
};

function literal(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return undefined;
}

function walk(): { sites: Site[]; defaults: Record<string, Record<string, string>> } {
  const sites: Site[] = [];
  const defaults: Record<string, Record<string, string>> = {};
  for (const file of files(path.join(ROOT, 'miniapp/src'))) {
    const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const rel = path.relative(ROOT, file);
    const visit = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name && WRAPPERS[node.name.text] && rel.endsWith('utils/feedback.ts')) {
        defaults[node.name.text] = Object.fromEntries(node.parameters.flatMap((p) => (literal(p.initializer) !== undefined ? [[p.name.getText(src), literal(p.initializer)!]] : [])));
      }
      if (ts.isCallExpression(node)) {
        const where = `${rel}:${src.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        const native = ['showModal', 'showToast', 'showActionSheet', 'showLoading'].includes(name) && ts.isPropertyAccessExpression(callee);
        if (native && node.arguments[0] && ts.isObjectLiteralExpression(node.arguments[0])) {
          const options: Record<string, unknown> = {};
          const dynamic: string[] = [];
          for (const p of node.arguments[0].properties) {
            if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
            const key = p.name.getText(src);
            const init = ts.isPropertyAssignment(p) ? p.initializer : undefined;
            const v = literal(init);
            if (v !== undefined) options[key] = v;
            else if (init && ts.isArrayLiteralExpression(init)) options[key] = init.elements.map((e) => literal(e) ?? '?');
            else dynamic.push(key);
          }
          sites.push({ where, api: name, options, dynamic });
        } else if (ts.isIdentifier(callee) && WRAPPERS[name] && !rel.endsWith('utils/feedback.ts')) {
          const w = WRAPPERS[name];
          const options: Record<string, unknown> = {};
          const dynamic: string[] = [];
          node.arguments.forEach((a, i) => {
            const v = literal(a);
            if (v !== undefined) options[w.args[i]] = v;
            else dynamic.push(w.args[i]);
          });
          sites.push({ where, api: name, options, dynamic });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(src);
  }
  return { sites, defaults };
}

describe('WeChat dialog limits', () => {
  const { sites, defaults } = walk();

  it('finds the dialogs of the mini-program (the walk sees the call sites)', () => {
    expect(sites.filter((s) => s.api === 'confirm').length).toBeGreaterThanOrEqual(4);
    expect(sites.filter((s) => s.api === 'toast').length).toBeGreaterThanOrEqual(8);
    expect(Object.keys(defaults)).toEqual(expect.arrayContaining(['confirm', 'toast']));
  });

  it('gives every modal a confirm and cancel text of at most 4 characters', () => {
    const bad = sites
      // The wrappers' own showModal passes their parameters on: their defaults are checked instead.
      .filter((s) => s.api === 'confirm' || s.api === 'alert' || (s.api === 'showModal' && !s.where.includes('utils/feedback.ts')))
      .flatMap((s) => {
        const o = { ...(s.api === 'confirm' ? defaults.confirm : {}), ...s.options };
        const why = wechatUiViolation('showModal', o);
        // A computed button text cannot be checked here: it must be written out.
        const computed = s.dynamic.filter((k) => k === 'confirmText' || k === 'cancelText');
        return [...(why ? [`${s.where}: ${why}`] : []), ...computed.map((k) => `${s.where}: ${k} is computed`)];
      });
    expect(bad).toEqual([]);
  });

  it('keeps a toast title with an icon within 7 characters', () => {
    const bad = sites
      .filter((s) => s.api === 'toast' || s.api === 'showToast')
      .flatMap((s) => {
        const icon = s.api === 'toast' ? (s.options.icon ?? defaults.toast?.icon ?? 'none') : (s.options.icon ?? 'success');
        const why = typeof s.options.title === 'string' ? wechatUiViolation('showToast', { title: s.options.title, icon }) : null;
        return why ? [`${s.where}: ${why}`] : [];
      });
    expect(bad).toEqual([]);
  });

  it('leaves no native dialog call with a button text or title it cannot check', () => {
    const native = sites.filter((s) => ['showModal', 'showToast', 'showActionSheet', 'showLoading'].includes(s.api) && !s.where.includes('utils/feedback.ts'));
    // Only the texts WeChat limits matter here; booleans (showCancel), callbacks and content are free.
    const limited = new Set(['title', 'confirmText', 'cancelText', 'itemList']);
    expect(native.flatMap((s) => s.dynamic.filter((k) => limited.has(k)).map((k) => `${s.where}: ${k}`))).toEqual([]);
  });

  it('the toast wrapper drops the icon from a title WeChat would cut', async () => {
    // utils/feedback.ts toast(): the runtime check sees every dynamic toast through it.
    const text = readFileSync(path.join(ROOT, 'miniapp/src/utils/feedback.ts'), 'utf8');
    expect(text).toMatch(/title\.length > 7 \? 'none'/);
    expect(LIMITS.toastWithIcon).toBe(7);
  });
});

describe('the runtime stub refuses what WeChat refuses', () => {
  it('refuses a 6-character confirm text, as WeChat does', () => {
    expect(wechatUiViolation('showModal', { title: '取消活动', content: 'x', confirmText: '确定取消活动' })).toMatch(/confirmText/);
    expect(wechatUiViolation('showModal', { title: '取消活动', content: 'x', confirmText: '取消活动', cancelText: '不取消' })).toBeNull();
  });

  it('refuses a toast with an icon over 7 characters and accepts it without the icon', () => {
    expect(wechatUiViolation('showToast', { title: '请检查标红的内容', icon: 'success' })).toMatch(/7/);
    expect(wechatUiViolation('showToast', { title: '请检查标红的内容' })).toMatch(/7/);
    expect(wechatUiViolation('showToast', { title: '请检查标红的内容', icon: 'none' })).toBeNull();
  });

  it('refuses an action sheet of more than 6 items', () => {
    expect(wechatUiViolation('showActionSheet', { itemList: ['1', '2', '3', '4', '5', '6', '7'] })).toMatch(/6/);
    expect(wechatUiViolation('showActionSheet', { itemList: ['1', '2'] })).toBeNull();
  });
});
