import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { qrMatrix, qrRects } from '../utils/qr';

/**
 * A QR code drawn as plain Views (black rectangles on white), from text on the phone: no image
 * download, no canvas API differences between the weapp and H5, works offline. Sizes are whole
 * pixels so adjacent modules never leave hairline gaps a scanner could trip on.
 */
export default function QrCode({ text, size = 240, className = '' }: { text: string; size?: number; className?: string }) {
  const { count, rects } = useMemo(() => {
    const m = qrMatrix(text);
    return { count: m.length, rects: qrRects(m) };
  }, [text]);
  const quiet = 3;
  const cell = Math.max(2, Math.floor(size / (count + quiet * 2)));
  const side = cell * (count + quiet * 2);
  const px = (n: number) => `${n}px`;
  return (
    <View className={`qr ${className}`} style={{ width: px(side), height: px(side) }}>
      {rects.map((r) => (
        <View
          key={`${r.x}-${r.y}`}
          className="qr__m"
          style={{ left: px((r.x + quiet) * cell), top: px((r.y + quiet) * cell), width: px(r.w * cell), height: px(r.h * cell) }}
        />
      ))}
    </View>
  );
}
