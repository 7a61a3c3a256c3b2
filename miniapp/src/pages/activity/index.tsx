import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef } from 'react';
import KeyValue from '../../components/KeyValue';
import PageShell from '../../components/PageShell';
import QrCode from '../../components/QrCode';
import { ErrorView, LoadingView, NoticeBar } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { useNow } from '../../hooks/use-now';
import { canCancel, signUpButton, useActivityDetail, type Outcome } from '../../hooks/use-sign-up';
import type { TActivityWithMine } from '../../services/contract';
import { alert, confirm, go, toast } from '../../utils/feedback';
import { CATEGORY_LABELS } from '../../../../shared/domain/activities.js';
import { formatDateTime, formatShortDateTime } from '../../../../shared/domain/time.js';
import './index.scss';

/** Refusals after which the page's numbers are stale: reload to show the truth. */
const STALE_AFTER = new Set(['ACTIVITY_FULL', 'SIGNUP_CLOSED', 'SIGNUP_NOT_OPEN', 'ACTIVITY_CANCELLED', 'CANCEL_DEADLINE_PASSED', 'ALREADY_CHECKED_IN']);

function MyRegistration({ a }: { a: TActivityWithMine }) {
  const reg = a.myRegistration;
  // The server answers with the member's latest registration, a cancelled one included.
  if (!reg || reg.status === 'cancelled') return null;
  if (reg.status === 'waitlisted')
    return (
      <View className="card my-reg my-reg--waitlisted">
        <View className="my-reg__title">已登记候补</View>
        <View className="waitlist-position">
          候补第 <Text className="waitlist-position__n">{reg.waitlistPosition ?? '—'}</Text> 位
        </View>
        <View className="muted">有人取消时按顺序递补，递补成功后会通知您，并在这里显示电子票。</View>
      </View>
    );
  return (
    <View className={`card my-reg my-reg--${reg.status}`}>
      <View className="my-reg__title">{reg.status === 'checked_in' ? '已签到' : '报名成功'}</View>
      {reg.status === 'checked_in' && reg.checkedInAt ? <View className="muted">签到时间：<Text className="nowrap">{formatDateTime(reg.checkedInAt)}</Text></View> : null}
      {reg.ticket ? (
        <View className="my-reg__ticket" onClick={() => go(`/pages/ticket/index?rid=${reg.id}&aid=${a.id}`)}>
          <QrCode className="ticket-qr" text={reg.ticket} size={200} />
          <View className="muted my-reg__hint">入场时出示此码签到 · 点击放大</View>
        </View>
      ) : null}
    </View>
  );
}

export default function ActivityPage() {
  const id = useRouter().params.id ?? '';
  const detail = useActivityDetail(id);
  const now = useNow(1000);

  usePullDownRefresh(async () => {
    await detail.reload();
    Taro.stopPullDownRefresh();
  });

  // Back from binding: the member may sign up now.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void detail.reload();
    shownOnce.current = true;
  });

  const explain = async (out: Outcome | null) => {
    if (!out || out.ok) return;
    const { code, message } = out.error;
    if (code === 'NOT_A_MEMBER') {
      if (await confirm('需要实名绑定', message, '去绑定', '以后再说')) go(`/pages/bind/index?from=${encodeURIComponent(`/pages/activity/index?id=${id}`)}`);
      return;
    }
    await alert('未能完成', message);
    if (code && STALE_AFTER.has(code)) void detail.reload();
  };

  const onSignUp = async () => {
    // detail.signUp() must be the first call of the tap: it opens WeChat's notification dialog
    // (waitlist promotion, activity cancelled) before anything is awaited, as WeChat requires.
    const out = await detail.signUp();
    if (out?.ok) {
      const status = out.activity.myRegistration?.status;
      toast(status === 'waitlisted' ? '已登记候补' : '报名成功', 'success');
    }
    await explain(out);
  };

  const onCancel = async () => {
    const a = detail.data;
    if (!a?.myRegistration) return;
    const waitlisted = a.myRegistration.status === 'waitlisted';
    const ok = await confirm(waitlisted ? '取消候补' : '取消报名', waitlisted ? '确定放弃候补吗？' : '确定取消报名吗？名额将让给候补的会员。', '确定取消');
    if (!ok) return;
    const out = await detail.cancel();
    if (out?.ok) {
      toast('已取消', 'success');
      void detail.reload();
    }
    await explain(out);
  };

  if (detail.loading) return <PageShell className="page-activity"><LoadingView /></PageShell>;
  if (!detail.data)
    return (
      <PageShell className="page-activity">
        <ErrorView error={detail.error ?? { code: 'NOT_FOUND', message: '未找到该活动' }} onRetry={detail.reload} />
      </PageShell>
    );

  const a = detail.data;
  const button = signUpButton(a, now);
  const cancellable = canCancel(a, now);

  return (
    <PageShell className="page-activity">
      {detail.error ? <NoticeBar tone="warn" text={`刷新失败：${detail.error.message}`} /> : null}
      {a.status === 'cancelled' ? <NoticeBar tone="warn" text={`活动已取消${a.cancelReason ? `：${a.cancelReason}` : ''}`} /> : null}

      <View className="card activity-head">
        <Text className="pill">{CATEGORY_LABELS[a.category]}</Text>
        <View className="activity-head__title">{a.title}</View>
        <View className="muted">{a.orgName}</View>
      </View>

      <MyRegistration a={a} />

      <View className="card">
        <KeyValue label="活动时间">
          <Text className="nowrap">{formatShortDateTime(a.startsAt)}</Text> 至 <Text className="nowrap">{formatShortDateTime(a.endsAt)}</Text>
        </KeyValue>
        <KeyValue label="活动地点">
          {a.location.name}
          {a.location.address ? `（${a.location.address}）` : ''}
        </KeyValue>
        <KeyValue label="报名时间">
          <Text className="nowrap">{formatShortDateTime(a.signupOpensAt)}</Text> 至 <Text className="nowrap">{formatShortDateTime(a.signupClosesAt)}</Text>
        </KeyValue>
        <KeyValue label="名额" valueClassName="seats-detail">
          共 {a.capacity} 个，已报 {a.confirmedCount}，剩余 {Math.max(0, a.seatsLeft)}
          {a.waitlistEnabled ? `，候补 ${a.waitlistCount}` : ''}
        </KeyValue>
        {a.cancelDeadline ? (
          <KeyValue label="取消截止"><Text className="nowrap">{formatDateTime(a.cancelDeadline)}</Text></KeyValue>
        ) : null}
        <KeyValue label="报名范围">{a.audience === 'all' ? '全市会员' : `${a.orgName}及下属工会会员`}</KeyValue>
      </View>

      {a.description ? (
        <View className="card activity-desc">
          <View className="activity-desc__title">活动介绍</View>
          <Text className="activity-desc__text">{a.description}</Text>
        </View>
      ) : null}

      <View className="bottom-spacer" />
      <View className="bottom-bar activity-actions">
        {button.hint ? <View className="muted activity-actions__hint">{button.hint}</View> : null}
        <View className="activity-actions__row">
          {cancellable ? (
            <Button className="cancel-button" fill="outline" loading={detail.busy === 'cancel'} disabled={!!detail.busy} onClick={() => void onCancel()}>
              {a.myRegistration?.status === 'waitlisted' ? '取消候补' : '取消报名'}
            </Button>
          ) : null}
          <Button
            className={`signup-button signup-button--${button.tone}`}
            data-state={button.label}
            type={button.tone === 'muted' ? 'default' : button.tone === 'warning' ? 'warning' : 'primary'}
            block
            size="large"
            disabled={button.disabled || !!detail.busy}
            loading={detail.busy === 'sign_up'}
            onClick={() => button.action === 'sign_up' && void onSignUp()}
          >
            {button.label}
          </Button>
        </View>
      </View>
    </PageShell>
  );
}
