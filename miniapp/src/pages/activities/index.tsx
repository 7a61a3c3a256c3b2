import { Input, ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import ActivityCard from '../../components/ActivityCard';
import PageShell from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../components/StateViews';
import { useActivities } from '../../hooks/use-activities';
import { useNow } from '../../hooks/use-now';
import type { TCategoryFilter } from '../../services/contract';
import { CATEGORIES, CATEGORY_LABELS } from '../../../../shared/domain/activities.js';
import { usePageRefresh } from '../../hooks/use-page-refresh';
import { useResource } from '../../hooks/resource';
import { api } from '../../services/api';
import { appPages, servicesIn, type HomeService } from '../../services/home-services';
import { matchesTitle } from '../../hooks/use-activities';
import './index.scss';

export default function ActivitiesPage() {
  const [category, setCategory] = useState<TCategoryFilter | undefined>(undefined);
  const list = useActivities(category);
  const now = useNow(30_000);

  // Back from an activity page: badges and seats may have changed.
  usePageRefresh(list);

  const open = (id: string) => void Taro.navigateTo({ url: `/pages/activity/index?id=${id}` });

  // The union's name for the header: the member's own union once bound.
  const me = useResource(() => api.me(), []);
  const union = me.data?.member?.orgName ?? '郑州市总工会';
  const services = useMemo(() => servicesIn(appPages()), []);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => list.items.filter((a) => matchesTitle(a.title, query)), [list.items, query]);

  const openService = (s: HomeService) => {
    if (s.key === 'activities') {
      void Taro.pageScrollTo({ selector: '.category-chips', duration: 200 }).catch(() => undefined);
      return;
    }
    const url = '/' + s.page;
    if (url === '/pages/insurance/index' || url === '/pages/mine/index') void Taro.switchTab({ url });
    else void Taro.navigateTo({ url });
  };

  return (
    <PageShell className="page-activities">
      <View className="home-head">
        <View className="home-head__union">{union}</View>
        <Input className="home-search" value={query} placeholder="搜索活动名称" confirmType="search" onInput={(e) => setQuery(e.detail.value)} />
      </View>
      {services.length > 1 ? (
        <View className="home-services">
          {services.map((s) => (
            <View key={s.key} className="home-service" data-service={s.key} onClick={() => openService(s)}>
              <Text className="home-service__title">{s.title}</Text>
              <Text className="home-service__hint">{s.hint}</Text>
            </View>
          ))}
        </View>
      ) : null}
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
          {shown.length === 0 ? <EmptyView title={`没有名称含“${query.trim()}”的活动`} description={list.nextCursor ? '可在下方加载更多后再找' : undefined} /> : null}
          {shown.map((a) => (
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
