import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { myRegistrationBadge } from '../../hooks/use-activities';
import { useNow } from '../../hooks/use-now';
import { orderForDisplay, useMyRegistrations } from '../../hooks/use-my-registrations';
import { go } from '../../utils/feedback';
import { formatShortDateTime } from '../../../../shared/domain/time.js';
import './index.scss';

export default function MyRegistrationsPage() {
  const regs = useMyRegistrations();
  const now = useNow(60_000);

  usePullDownRefresh(async () => {
    await regs.reload();
    Taro.stopPullDownRefresh();
  });

  let body;
  if (regs.loading) body = <LoadingView />;
  else if (regs.items.length === 0 && regs.error)
    body = (
      <ErrorView
        error={regs.error}
        onRetry={regs.reload}
        action={regs.error.code === 'NOT_A_MEMBER' ? <Button type="primary" onClick={() => go('/pages/bind/index')}>去实名绑定</Button> : undefined}
      />
    );
  else if (regs.items.length === 0)
    body = (
      <EmptyView
        title="还没有报名活动"
        description="去看看工会最近的活动吧"
        action={<Button type="primary" onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}>浏览活动</Button>}
      />
    );
  else
    body = (
      <View className="my-reg-list">
        {regs.offline ? <NoticeBar text="当前离线：显示的是手机上保存的报名和电子票" /> : null}
        {!regs.offline && regs.error ? <NoticeBar tone="warn" text={`刷新失败：${regs.error.message}`} /> : null}
        {orderForDisplay(regs.items, now).map((t) => {
          const badge = myRegistrationBadge(t);
          const past = new Date(t.endsAt).getTime() < now.getTime();
          return (
            <View key={t.registrationId} className={`card registration-card${past ? ' registration-card--past' : ''}`} data-id={t.registrationId}>
              <View className="row row--between" onClick={() => go(`/pages/activity/index?id=${t.activityId}`)}>
                <View className="registration-card__title">{t.title}</View>
                {badge ? <Text className={`pill pill--${badge.tone}`}>{badge.text}</Text> : null}
              </View>
              <View className="muted registration-card__meta">
                <Text className="nowrap">{formatShortDateTime(t.startsAt)}</Text> · {t.locationName}
              </View>
              {t.activityCancelled ? <View className="registration-card__warn">活动已取消</View> : null}
              {t.ticket && !t.activityCancelled ? (
                <View className="registration-card__actions">
                  <Button className="show-ticket" size="small" type="primary" fill="outline" onClick={() => go(`/pages/ticket/index?rid=${t.registrationId}&aid=${t.activityId}`)}>
                    {t.status === 'checked_in' ? '查看电子票' : '出示电子票'}
                  </Button>
                </View>
              ) : null}
            </View>
          );
        })}
      </View>
    );

  return <PageShell className="page-my-registrations">{body}</PageShell>;
}
