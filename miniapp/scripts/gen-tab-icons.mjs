// Draws the three tab-bar icons (81×81 PNG, grey and union red) from simple shapes, so the
// repository carries no third-party artwork. Run: node miniapp/scripts/gen-tab-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 81;
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tab');
const COLORS = { normal: [0x5f, 0x63, 0x68], active: [0xc8, 0x16, 0x1d] };

// Signed distances (negative inside) in a 0..1 square.
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  const dx = Math.abs(x - cx) - hx, dy = Math.abs(y - cy) - hy;
  return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
};
const polygon = (pts) => (x, y) => {
  let d = Infinity;
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [ax, ay] = pts[j], [bx, by] = pts[i];
    const vx = bx - ax, vy = by - ay, px = x - ax, py = y - ay;
    const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
    d = Math.min(d, Math.hypot(px - vx * t, py - vy * t));
    if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
  }
  return inside ? -d : d;
};
const intersect = (a, b) => (x, y) => Math.max(a(x, y), b(x, y));
const ring = (sdf, w) => (x, y) => Math.abs(sdf(x, y)) - w / 2;
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));
const segment = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay;
  const t = Math.max(0, Math.min(1, (px * vx + py * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - vx * t, py - vy * t) - w / 2;
};

const STROKE = 0.075;
const shapes = {
  // 活动: a calendar page
  activities: union(
    ring(roundRect(0.16, 0.22, 0.84, 0.86, 0.1), STROKE),
    segment(0.16, 0.4, 0.84, 0.4, STROKE),
    segment(0.34, 0.12, 0.34, 0.28, STROKE),
    segment(0.66, 0.12, 0.66, 0.28, STROKE),
    circle(0.36, 0.58, 0.05),
    circle(0.5, 0.58, 0.05),
    circle(0.64, 0.58, 0.05),
    circle(0.36, 0.72, 0.05),
    circle(0.5, 0.72, 0.05),
  ),
  // 互助保障: a shield with a cross
  insurance: union(
    ring(polygon([[0.5, 0.12], [0.8, 0.22], [0.8, 0.5], [0.74, 0.66], [0.5, 0.88], [0.26, 0.66], [0.2, 0.5], [0.2, 0.22]]), STROKE),
    segment(0.5, 0.36, 0.5, 0.64, STROKE),
    segment(0.36, 0.5, 0.64, 0.5, STROKE),
  ),
  // 我的: head and shoulders
  mine: union(ring(circle(0.5, 0.33, 0.15), STROKE), ring(intersect(circle(0.5, 0.98, 0.34), (x, y) => y - 0.86), STROKE)),
};

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(sdf, [r, g, b]) {
  const SS = 4;
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      let cover = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) if (sdf((x + (sx + 0.5) / SS) / SIZE, (y + (sy + 0.5) / SS) / SIZE) <= 0) cover++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((cover / (SS * SS)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (const [name, sdf] of Object.entries(shapes)) {
  writeFileSync(path.join(OUT, `${name}.png`), png(sdf, COLORS.normal));
  writeFileSync(path.join(OUT, `${name}-active.png`), png(sdf, COLORS.active));
}
console.log(`已生成 ${Object.keys(shapes).length * 2} 个图标：${OUT}`);
