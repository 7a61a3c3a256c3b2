import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * What a page does with its data over its life: pull down to refresh, load more at the bottom
 * (lists), and reload when the member comes back to it (after signing up, binding, cancelling…).
 */
export function usePageRefresh(data: { reload: () => Promise<unknown>; loadMore?: () => Promise<unknown> }): void {
  const shownOnce = useRef(false);
  usePullDownRefresh(async () => {
    await data.reload();
    Taro.stopPullDownRefresh();
  });
  useReachBottom(() => void data.loadMore?.());
  useDidShow(() => {
    if (shownOnce.current) void data.reload();
    shownOnce.current = true;
  });
}
