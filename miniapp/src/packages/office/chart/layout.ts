// A chart as plain geometry (rectangles, polylines, tick labels) from numbers and a size: no
// drawing here, so it is tested without a canvas and the same shapes are drawn in weapp and H5.

export type Series = { name: string; color: string; values: number[] };
export type ChartSpec = { kind: 'bar' | 'line'; labels: string[]; series: Series[] };
export type Box = { width: number; height: number; fontSize: number };

export type Shape =
  | { type: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { type: 'line'; points: [number, number][]; color: string; width: number }
  | { type: 'dot'; x: number; y: number; r: number; color: string }
  | { type: 'text'; x: number; y: number; text: string; align: 'left' | 'center' | 'right'; color: string }
  | { type: 'rule'; x1: number; y1: number; x2: number; y2: number; color: string };

/** A "nice" axis top and step (1, 2 or 5 × 10ⁿ, at least 1: the charts count people) above the largest value. */
export function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: ticks, step: 1 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  return { top: Math.ceil(max / step) * step, step };
}

/** Which of n labels to print under the axis so that they do not run into one another. */
export function labelStride(n: number, plotWidth: number, labelWidth: number): number {
  if (n <= 0) return 1;
  return Math.max(1, Math.ceil((n * labelWidth) / Math.max(1, plotWidth)));
}

const AXIS = '#86909c';
const GRID = '#e5e6eb';

export function layoutChart(spec: ChartSpec, box: Box): Shape[] {
  const { width, height, fontSize } = box;
  const n = spec.labels.length;
  const max = Math.max(0, ...spec.series.flatMap((s) => s.values));
  const { top, step } = niceScale(max);
  const left = Math.ceil(fontSize * (String(top).length * 0.6 + 1));
  const right = 8;
  const topPad = fontSize;
  const bottom = Math.ceil(fontSize * 2);
  const plotW = Math.max(1, width - left - right);
  const plotH = Math.max(1, height - topPad - bottom);
  const y = (v: number) => topPad + plotH - (v / top) * plotH;
  const shapes: Shape[] = [];

  for (let v = 0; v <= top; v += step) {
    shapes.push({ type: 'rule', x1: left, y1: y(v), x2: left + plotW, y2: y(v), color: v === 0 ? AXIS : GRID });
    shapes.push({ type: 'text', x: left - 4, y: y(v), text: String(v), align: 'right', color: AXIS });
  }
  if (n === 0) return shapes;

  const slot = plotW / n;
  const centre = (i: number) => left + slot * (i + 0.5);
  // The longest label, in characters of about one font size each (Chinese glyphs are square).
  const labelWidth = fontSize * Math.max(...spec.labels.map((l) => l.length)) + fontSize;
  const stride = labelStride(n, plotW, labelWidth);
  spec.labels.forEach((label, i) => {
    if (i % stride === 0) shapes.push({ type: 'text', x: centre(i), y: topPad + plotH + fontSize, text: label, align: 'center', color: AXIS });
  });

  if (spec.kind === 'bar') {
    const groups = Math.max(1, spec.series.length);
    const groupW = slot * 0.7;
    const barW = groupW / groups;
    spec.series.forEach((s, k) => {
      s.values.forEach((v, i) => {
        const x = centre(i) - groupW / 2 + k * barW;
        const h = (Math.max(0, v) / top) * plotH;
        if (h > 0) shapes.push({ type: 'rect', x, y: y(v), w: Math.max(1, barW - 1), h, color: s.color });
      });
    });
  } else {
    spec.series.forEach((s) => {
      const points = s.values.map((v, i) => [centre(i), y(Math.max(0, v))] as [number, number]);
      if (points.length > 1) shapes.push({ type: 'line', points, color: s.color, width: 2 });
      // Dots only while there is room to see them apart.
      if (slot >= 8) points.forEach(([px, py]) => shapes.push({ type: 'dot', x: px, y: py, r: 2.5, color: s.color }));
    });
  }
  return shapes;
}
