import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import ActivityCard from '../../components/ActivityCard';
import PageShell from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../components/StateViews';
import { useActivities } from '../../hooks/use-activities';
import { useNow } from '../../hooks/use-now';
import type { TCategoryFilter } from '../../services/contract';
import { CATEGORIES, CATEGORY_LABELS } from '../../../../shared/domain/activities.js';
import { usePageRefresh } from '../../hooks/use-page-refresh';
import './index.scss';

export default function ActivitiesPage() {
  const [category, setCategory] = useState<TCategoryFilter | undefined>(undefined);
  const list = useActivities(category);
  const now = useNow(30_000);

  // Back from an activity page: badges and seats may have changed.
  usePageRefresh(list);

  const open = (id: string) => void Taro.navigateTo({ url: `/pages/activity/index?id=${id}` });

  return (
    <PageShell className="page-activities">
      <ScrollView className="category-chips" scrollX enableFlex>
        <View className={`chip${category === undefined ? ' chip--on' : ''}`} onClick={() => setCategory(undefined)}>
          全部
        </View>
        {CATEGORIES.map((c) => (
          <View key={c} className={`chip${category === c ? ' chip--on' : ''}`} data-category={c} onClick={() => setCategory(c)}>
            {CATEGORY_LABELS[c]}
          </View>
        ))}
      </ScrollView>

      {list.loading ? (
        <LoadingView />
      ) : list.error && list.items.length === 0 ? (
        <ErrorView error={list.error} onRetry={list.reload} />
      ) : list.items.length === 0 ? (
        <EmptyView title={category ? `暂无${CATEGORY_LABELS[category]}活动` : '暂无活动'} description="新活动发布后会显示在这里" />
      ) : (
        <View className="activity-list">
          {list.error ? <NoticeBar tone="warn" text={`刷新失败：${list.error.message}`} /> : null}
          {list.items.map((a) => (
            <ActivityCard key={a.id} activity={a} now={now} onOpen={open} />
          ))}
          <View className="list-footer muted">
            {list.loadingMore ? '加载中…' : list.nextCursor ? <Text onClick={() => void list.loadMore()}>加载更多</Text> : '没有更多了'}
          </View>
        </View>
      )}
    </PageShell>
  );
}
