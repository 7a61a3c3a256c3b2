import { Text, View } from '@tarojs/components';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { usePagedList } from '../../../hooks/paged-list';
import { signupStateText } from '../../../hooks/use-activities';
import { useNow } from '../../../hooks/use-now';
import type { TActivityWithMine } from '../../../services/contract';
import { alert, confirm, go, toast } from '../../../utils/feedback';
import { toUiError } from '../../../hooks/resource';
import { useState } from 'react';
import { cadreApi } from '../cadre-api';
import { CATEGORY_LABELS } from '../../../../../shared/domain/activities.js';
import { formatShortDateTime } from '../../../../../shared/domain/time.js';
import { usePageRefresh } from '../../../hooks/use-page-refresh';
import './index.scss';

export default function ManagePage() {
  const list = usePagedList<TActivityWithMine>((cursor) => cadreApi.managed(cursor), []);
  // every 5 s: 开始抽签 appears within seconds of a lottery's close, not up to a minute later
  const now = useNow(5_000);

  usePageRefresh(list);
  const [drawing, setDrawing] = useState<string | null>(null);

  /** 开始抽签: after sign-up closed, for a lottery not drawn yet (the scheduler also draws it by itself). */
  const draw = async (a: TActivityWithMine) => {
    if (drawing) return;
    const ok = await confirm('开始抽签', `将对“${a.title}”的 ${a.applicantCount ?? 0} 位报名者抽签，结果立即公示，不能重抽。`, '开始抽签', '再等等');
    if (!ok) return;
    setDrawing(a.id);
    try {
      const result = await cadreApi.draw(a.id);
      const won = result.entries.filter((e) => e.outcome === 'confirmed').length;
      toast(`已开奖，中签 ${won} 人`, 'success');
      // The cadre stays on the list: the card now says 已开奖 and offers 抽签公示.
      await list.reload();
    } catch (err) {
      const e = toUiError(err);
      await alert('抽签未完成', e.message);
      if (e.code === 'ALREADY_DRAWN') void list.reload();
    } finally {
      setDrawing(null);
    }
  };

  const publish = (
    <Button className="publish-button" type="primary" onClick={() => go('/packages/cadre/activity-form/index')}>
      发布活动
    </Button>
  );

  let body;
  if (list.loading) body = <LoadingView />;
  else if (list.error && list.items.length === 0) body = <ErrorView error={list.error} onRetry={list.reload} />;
  else if (list.items.length === 0) body = <EmptyView title="还没有活动" description="发布活动后，会员即可在“活动”中报名" action={publish} />;
  else
    body = (
      <View>
        {list.error ? <NoticeBar tone="warn" text={`刷新失败：${list.error.message}`} /> : null}
        <View className="manage-top">{publish}</View>
        {list.items.map((a) => {
          const state = signupStateText(a, now);
          return (
            <View key={a.id} className={`card managed-card${a.status === 'cancelled' ? ' managed-card--cancelled' : ''}`} data-id={a.id}>
              <View className="row row--between">
                <Text className="pill">{CATEGORY_LABELS[a.category]}</Text>
                <Text className={`pill pill--${state.tone}`}>{state.text}</Text>
              </View>
              <View className="managed-card__title">{a.title}</View>
              <View className="muted">
                <Text className="nowrap">{formatShortDateTime(a.startsAt)}</Text> · {a.location.name} · {a.orgName}
              </View>
              <View className="managed-card__stats">
                {a.allocation === 'lottery' ? <Text className="lottery-stat">抽签 · 已报名 {a.applicantCount ?? 0} 人{a.drawnAt ? ' · 已开奖' : ''}</Text> : null}
                <Text>{a.allocation === 'lottery' ? '中签' : '报名'} {a.confirmedCount}/{a.capacity}</Text>
                {a.waitlistEnabled ? <Text>候补 {a.waitlistCount}</Text> : null}
                <Text>签到 {a.checkedInCount}</Text>
              </View>
              <View className="managed-card__actions">
                {a.status !== 'cancelled' ? (
                  <Button className="edit-activity" size="small" fill="outline" onClick={() => go(`/packages/cadre/activity-form/index?id=${a.id}`)}>
                    编辑
                  </Button>
                ) : null}
                <Button className="open-roster" size="small" fill="outline" onClick={() => go(`/packages/cadre/roster/index?id=${a.id}`)}>
                  名单
                </Button>
                {a.allocation === 'lottery' && a.status !== 'cancelled' && !a.drawnAt && now.getTime() >= new Date(a.signupClosesAt).getTime() ? (
                  <Button className="start-draw" size="small" type="primary" loading={drawing === a.id} disabled={!!drawing} onClick={() => void draw(a)}>
                    开始抽签
                  </Button>
                ) : null}
                {a.allocation === 'lottery' && a.drawnAt ? (
                  <Button className="open-draw" size="small" fill="outline" onClick={() => go(`/packages/lottery/result/index?id=${a.id}`)}>
                    抽签公示
                  </Button>
                ) : null}
                {a.status !== 'cancelled' ? (
                  <Button className="open-scan" size="small" type="primary" onClick={() => go(`/packages/cadre/scan/index?id=${a.id}`)}>
                    扫码签到
                  </Button>
                ) : null}
              </View>
            </View>
          );
        })}
        <View className="muted list-footer">{list.loadingMore ? '加载中…' : list.nextCursor ? '上拉加载更多' : '没有更多了'}</View>
      </View>
    );

  return <PageShell className="page-manage">{body}</PageShell>;
}
