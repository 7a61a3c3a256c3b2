import qrcode from 'qrcode-generator';

/** The dark/light modules of the QR code for `text` (byte mode, error correction M). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const rows: boolean[][] = [];
  for (let r = 0; r < n; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < n; c++) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

export type Rect = { x: number; y: number; w: number; h: number };

/**
 * Dark modules merged into as few rectangles as is cheap: runs along each row, and a run that
 * repeats exactly in the row below grows downwards. A version-5 ticket needs ~300 nodes, not 1,300.
 */
export function qrRects(m: boolean[][]): Rect[] {
  const done: Rect[] = [];
  let open = new Map<string, Rect>();
  m.forEach((row, y) => {
    const next = new Map<string, Rect>();
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < row.length && row[x]) x++;
      const key = `${start}:${x - start}`;
      const above = open.get(key);
      if (above) {
        above.h += 1;
        open.delete(key);
        next.set(key, above);
      } else next.set(key, { x: start, y, w: x - start, h: 1 });
    }
    open.forEach((r) => done.push(r));
    open = next;
  });
  open.forEach((r) => done.push(r));
  return done;
}
