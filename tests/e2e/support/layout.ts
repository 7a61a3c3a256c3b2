// What an older member would see as broken text on the visible page, found from the boxes the
// browser laid out: text wider than its box, text cut off by a box that clips it, two pieces of
// text drawn over each other, a number or date split across two lines, text past the screen edge.
import type { Page } from 'playwright-core';

export type LayoutProblem = { kind: 'overflow' | 'clipped' | 'overlap' | 'split' | 'offscreen'; where: string; text: string };

/** One line per problem, for a test failure that reads at a glance. */
export function describeProblems(problems: LayoutProblem[]): string[] {
  return problems.map((p) => `${p.kind}: ${p.where} “${p.text}”`);
}

/** Runs in the page: kept free of closures over test code. */
function findProblems(): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none');
  const root = pages[pages.length - 1] ?? document.body;
  const scopes: HTMLElement[] = [root, ...Array.from(document.querySelectorAll<HTMLElement>('.taro-tabbar__tabbar, .weui-tabbar'))];
  const viewportWidth = document.documentElement.clientWidth;

  const describe = (el: Element) => {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
    return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}`;
  };
  const visible = (el: Element) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0 && Number(s.opacity) > 0;
  };
  const ownText = (el: Element) =>
    Array.from(el.childNodes)
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent ?? '')
      .join('')
      .trim();
  const scrolls = (el: Element) => /(auto|scroll)/.test(getComputedStyle(el).overflowX + getComputedStyle(el).overflowY);
  const ownTextNodes = (el: Element) => Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
  /** The line boxes of the element's own text: an inline piece wrapping over two lines is two boxes, not one big one. */
  const lineRects = (el: Element) =>
    ownTextNodes(el).flatMap((n) => {
      const range = document.createRange();
      range.selectNodeContents(n);
      return Array.from(range.getClientRects()).filter((r) => r.width > 0 && r.height > 0);
    });
  const textRect = (el: Element) => {
    const rects = lineRects(el);
    const left = Math.min(...rects.map((r) => r.left));
    const right = Math.max(...rects.map((r) => r.right));
    const top = Math.min(...rects.map((r) => r.top));
    const bottom = Math.max(...rects.map((r) => r.bottom));
    return { left, right, top, bottom };
  };
  const insideScroller = (el: Element) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return true;
    return false;
  };

  for (const scope of scopes) {
    const all = [scope, ...Array.from(scope.querySelectorAll('*'))].filter((el) => !(el instanceof SVGElement) && el.tagName !== 'CANVAS' && visible(el));
    const texted = all.filter((el) => ownText(el) !== '');

    for (const el of texted) {
      const text = ownText(el).slice(0, 40);
      const h = el as HTMLElement;
      if (!scrolls(el) && h.scrollWidth > h.clientWidth + 1 && h.clientWidth > 0 && getComputedStyle(el).display !== 'inline')
        problems.push({ kind: 'overflow', where: describe(el), text });
      if (lineRects(el).length === 0) continue;
      const tr = textRect(el);
      if (tr.right > viewportWidth + 1 && !insideScroller(el)) problems.push({ kind: 'offscreen', where: describe(el), text });
      // The nearest box that cuts its content off must hold the whole text.
      for (let a = el as Element | null; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        if (scrolls(a)) break;
        const ar = a.getBoundingClientRect();
        if (tr.top < ar.top - 1 || tr.bottom > ar.bottom + 1 || tr.left < ar.left - 1 || tr.right > ar.right + 1) problems.push({ kind: 'clipped', where: describe(el), text });
        break;
      }
      // A number, a time, a date or a weekday split over two lines ("1 / 2月4日", "05: / 20", "周 / 五").
      // Monospace text that may break anywhere is a machine string (a member code, a seed hash, a
      // key): its digit runs are not numbers people read. Break-all on people's text is still caught.
      const style = getComputedStyle(el);
      const machineString = style.wordBreak === 'break-all' && /monospace/.test(style.fontFamily);
      for (const node of machineString ? [] : Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE)) {
        const value = node.textContent ?? '';
        for (const m of value.matchAll(/\d+月\d+日|\d+(?:[:：.]\d+)*|周[一二三四五六日]/g)) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) problems.push({ kind: 'split', where: describe(el), text: m[0] });
        }
      }
    }

    // Pieces of text drawn over one another. A bar fixed to the screen's edge lies over the
    // content scrolling under it by design: only text within the same layer is compared.
    const layer = (el: Element) => {
      for (let a: Element | null = el; a; a = a.parentElement) if (getComputedStyle(a).position === 'fixed') return a;
      return null;
    };
    const boxes = texted.map((el) => ({ el, rects: lineRects(el), layer: layer(el) }));
    const meet = (p: DOMRect, q: DOMRect) => Math.min(p.right, q.right) - Math.max(p.left, q.left) > 2 && Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 2;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.el.contains(b.el) || b.el.contains(a.el) || a.layer !== b.layer) continue;
        if (a.rects.some((p) => b.rects.some((q) => meet(p, q)))) problems.push({ kind: 'overlap', where: `${describe(a.el)} × ${describe(b.el)}`, text: `${ownText(a.el).slice(0, 20)} × ${ownText(b.el).slice(0, 20)}` });
      }
  }
  return problems;
}

export async function layoutProblems(page: Page): Promise<string[]> {
  return describeProblems(await page.evaluate(findProblems));
}
