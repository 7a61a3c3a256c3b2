// 公示: the public result of a lottery (issue #16). Rank, masked name and member number, group,
// outcome, the seed revealed and the plain-Chinese way to recompute the order. Anyone may open it.
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import KeyValue from '../../../components/KeyValue';
import PageShell from '../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { useResource } from '../../../hooks/resource';
import { lotteryApi } from '../lottery-api';
import { DRAW_OUTCOME_LABELS, MEMBER_GROUP_LABELS, prioritySeats } from '../../../../../shared/domain/lottery.js';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import './index.scss';

const PAGE = 100;
type Filter = 'all' | 'confirmed' | 'waitlisted' | 'not_selected';
const FILTERS: { key: Filter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'confirmed', label: '中签' },
  { key: 'waitlisted', label: '候补' },
  { key: 'not_selected', label: '未中签' },
];

export default function DrawResultPage() {
  const id = useRouter().params.id ?? '';
  const res = useResource(() => lotteryApi.result(id), [id]);
  const [shown, setShown] = useState(PAGE);
  const [filter, setFilter] = useState<Filter>('all');

  usePullDownRefresh(async () => {
    await res.reload();
    Taro.stopPullDownRefresh();
  });

  if (res.loading && !res.data) return <PageShell className="page-draw-result"><LoadingView /></PageShell>;
  if (!res.data)
    return (
      <PageShell className="page-draw-result">
        <ErrorView error={res.error ?? { code: undefined, message: '加载失败' }} onRetry={res.reload} />
      </PageShell>
    );
  const r = res.data;
  const count = (o: string) => r.entries.filter((e) => e.outcome === o).length;
  const entries = filter === 'all' ? r.entries : r.entries.filter((e) => e.outcome === filter);
  const waitRank = new Map<number, number>();
  let w = 0;
  for (const e of r.entries) if (e.outcome === 'waitlisted') waitRank.set(e.rank, ++w);

  return (
    <PageShell className="page-draw-result">
      <View className="card draw-head">
        <View className="draw-head__title">{r.activityTitle}</View>
        <View className="muted">开奖时间：<Text className="nowrap">{formatDateTime(r.drawnAt)}</Text></View>
        <View className="draw-head__stats">
          报名 <Text className="draw-total">{r.entries.length}</Text> 人 · 名额 {r.capacity} · 中签 <Text className="draw-won">{count('confirmed')}</Text>
          {r.waitlistEnabled ? ` · 候补 ${count('waitlisted')}` : ` · 未中签 ${count('not_selected')}`}
        </View>
        {r.priorityGroups.length > 0 && r.priorityShare > 0 ? (
          <View className="muted">
            优先类别：{r.priorityGroups.map((g) => MEMBER_GROUP_LABELS[g]).join('、')}，优先名额 {prioritySeats(r.capacity, r.priorityShare)} 个（名额 × {r.priorityShare}% 向下取整）
          </View>
        ) : null}
      </View>

      <View className="card draw-proof">
        <KeyValue label="种子">
          <Text className="draw-seed" selectable>{r.seed}</Text>
        </KeyValue>
        <KeyValue label="种子摘要">
          <Text className="draw-seed-hash" selectable>{r.seedHash}</Text>
        </KeyValue>
        <KeyValue label="算法">
          <Text selectable>{r.algorithm}</Text>
        </KeyValue>
        <View className="draw-explanation">
          <View className="draw-explanation__title">如何核验</View>
          <Text className="draw-explanation__text" selectable>{r.explanation}</Text>
        </View>
      </View>

      <View className="card draw-list">
        <View className="draw-filters">
          {FILTERS.map((f) => (
            <View
              key={f.key}
              className={`chip${filter === f.key ? ' chip--on' : ''} draw-filter-${f.key}`}
              onClick={() => {
                setFilter(f.key);
                setShown(PAGE);
              }}
            >
              {f.label}
            </View>
          ))}
        </View>
        <View className="draw-row draw-row--head">
          <Text className="draw-row__rank">序号</Text>
          <Text className="draw-row__name">姓名</Text>
          <Text className="draw-row__no">会员编号</Text>
          <Text className="draw-row__outcome">结果</Text>
        </View>
        {entries.slice(0, shown).map((e) => (
          <View key={e.registrationId} className={`draw-row draw-row--${e.outcome}`} data-rank={e.rank}>
            <Text className="draw-row__rank">{e.rank}</Text>
            <View className="draw-row__name">
              <Text>{e.nameMasked}</Text>
              {e.groups.length ? <View className="draw-row__groups">{e.groups.map((g) => MEMBER_GROUP_LABELS[g]).join('、')}</View> : null}
            </View>
            <Text className="draw-row__no">{e.memberNoMasked}</Text>
            <Text className="draw-row__outcome">{e.outcome === 'waitlisted' ? `候补第 ${waitRank.get(e.rank)} 位` : DRAW_OUTCOME_LABELS[e.outcome]}</Text>
          </View>
        ))}
        {entries.length > shown ? (
          <Button className="draw-more" fill="outline" block onClick={() => setShown(shown + PAGE)}>
            再显示 {Math.min(PAGE, entries.length - shown)} 人（共 {entries.length} 人）
          </Button>
        ) : (
          <View className="muted list-footer">{entries.length ? '已全部显示' : '没有记录'}</View>
        )}
      </View>
    </PageShell>
  );
}
