import { View } from '@tarojs/components';

/** The foot of a paged office list: 加载更多 while the server has a next page. */
export default function LoadMore({ list }: { list: { nextCursor: string | null; loadingMore: boolean; loadMore: () => Promise<unknown> | void } }) {
  if (!list.nextCursor) return null;
  return (
    <View className="muted list-footer load-more" onClick={() => void list.loadMore()}>
      {list.loadingMore ? '加载中…' : '加载更多'}
    </View>
  );
}
