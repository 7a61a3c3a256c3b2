import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useLargeText } from '../hooks/use-large-text';

/**
 * Every page's root. Taro renders each page as its own tree (there is no app-wide DOM root in
 * the weapp), so the 大字模式 class has to be put on each page here.
 */
export default function PageShell({ className, children }: { className: string; children: ReactNode }) {
  const large = useLargeText();
  return <View className={`page ${className}${large ? ' large-text' : ''}`}>{children}</View>;
}
