// A small chart drawn on the device with the Canvas 2D API (Taro <Canvas type="2d">), the same
// shapes in weapp and H5. The legend is text beside the canvas, so it grows with 大字模式.
import { Canvas, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useRef } from 'react';
import { useLargeText } from '../../../hooks/use-large-text';
import { layoutChart, type ChartSpec, type Shape } from './layout';
import './chart.scss';

let nextId = 0;

type Ctx2d = {
  scale(x: number, y: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, a: number, b: number): void;
  stroke(): void;
  fill(): void;
  fillText(t: string, x: number, y: number): void;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
};

export function paint(ctx: Ctx2d, shapes: Shape[], fontSize: number): void {
  ctx.font = `${fontSize}px sans-serif`;
  ctx.textBaseline = 'middle';
  for (const s of shapes) {
    switch (s.type) {
      case 'rect':
        ctx.fillStyle = s.color;
        ctx.fillRect(s.x, s.y, s.w, s.h);
        break;
      case 'rule':
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(s.x1, Math.round(s.y1) + 0.5);
        ctx.lineTo(s.x2, Math.round(s.y2) + 0.5);
        ctx.stroke();
        break;
      case 'line':
        ctx.strokeStyle = s.color;
        ctx.lineWidth = s.width;
        ctx.beginPath();
        s.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        ctx.stroke();
        break;
      case 'dot':
        ctx.fillStyle = s.color;
        ctx.beginPath();
        ctx.arc(s.x, s.y, s.r, 0, Math.PI * 2);
        ctx.fill();
        break;
      case 'text':
        ctx.fillStyle = s.color;
        ctx.textAlign = s.align;
        ctx.fillText(s.text, s.x, s.y);
        break;
    }
  }
}

export default function Chart({ spec, height = 200, className = '', label }: { spec: ChartSpec; height?: number; className?: string; label: string }) {
  const large = useLargeText();
  const id = useMemo(() => `office-chart-${++nextId}`, []);
  const fontSize = large ? 14 : 11;
  const drawn = useRef(0);

  useEffect(() => {
    const mine = ++drawn.current;
    // After the canvas is on screen: its node and size are known only then.
    Taro.nextTick(() => {
      // Size and node asked separately: Taro's H5 answers the canvas node only through .node().
      const query = Taro.createSelectorQuery();
      query.select(`#${id}`).boundingClientRect();
      query.select(`#${id}`).node();
      query.exec((res) => {
        const rect = res?.[0] as { width?: number; height?: number } | null;
        const canvas = (res?.[1] as { node?: { width: number; height: number; getContext(t: '2d'): Ctx2d } } | null)?.node;
        if (!canvas || mine !== drawn.current) return;
        const width = rect?.width || 320;
        const h = rect?.height || height;
        const ratio = Taro.getSystemInfoSync().pixelRatio || 1;
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(h * ratio);
        const ctx = canvas.getContext('2d');
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.clearRect(0, 0, width, h);
        paint(ctx, layoutChart(spec, { width, height: h, fontSize }), fontSize);
      });
    });
  }, [spec, fontSize, height, id]);

  return (
    <View className={`office-chart ${className}`} data-kind={spec.kind}>
      <Canvas type="2d" id={id} className="office-chart__canvas" style={{ height: `${height}px` }} aria-label={label} />
      <View className="office-chart__legend">
        {spec.series.map((s) => (
          <View key={s.name} className="office-chart__key">
            <View className="office-chart__swatch" style={{ background: s.color }} />
            <Text>{s.name}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
