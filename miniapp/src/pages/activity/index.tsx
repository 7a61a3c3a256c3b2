import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useRef } from 'react';
import KeyValue from '../../components/KeyValue';
import PageShell from '../../components/PageShell';
import QrCode from '../../components/QrCode';
import { ErrorView, LoadingView, NoticeBar } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { useNow } from '../../hooks/use-now';
import { canCancel, lotteryWaitText, signUpButton, useActivityDetail, type Outcome } from '../../hooks/use-sign-up';
import type { TActivityWithMine } from '../../services/contract';
import { alert, confirm, go, toast } from '../../utils/feedback';
import { CATEGORY_LABELS } from '../../../../shared/domain/activities.js';
import { MEMBER_GROUP_LABELS } from '../../../../shared/domain/lottery.js';
import { formatDateTime, formatShortDateTime } from '../../../../shared/domain/time.js';
import './index.scss';

/** Refusals after which the page's numbers are stale: reload to show the truth. */
const STALE_AFTER = new Set(['ACTIVITY_FULL', 'SIGNUP_CLOSED', 'SIGNUP_NOT_OPEN', 'ACTIVITY_CANCELLED', 'CANCEL_DEADLINE_PASSED', 'ALREADY_CHECKED_IN']);

function MyRegistration({ a }: { a: TActivityWithMine }) {
  const reg = a.myRegistration;
  // The server answers with the member's latest registration, a cancelled one included.
  if (!reg || reg.status === 'cancelled') return null;
  const lottery = a.allocation === 'lottery';
  if (reg.status === 'applied')
    return (
      <View className="card my-reg my-reg--applied">
        <View className="my-reg__title lottery-wait">{lotteryWaitText(a)}</View>
        <View className="muted">报名先后不影响结果。开奖后会通知您，中签的电子票会显示在这里。</View>
      </View>
    );
  if (reg.status === 'not_selected')
    return (
      <View className="card my-reg my-reg--not-selected">
        <View className="my-reg__title lottery-lost">未中签</View>
        <View className="muted">很遗憾，本次抽签未中签。抽签结果已公示，可查看并核验。</View>
      </View>
    );
  if (reg.status === 'waitlisted' && lottery)
    return (
      <View className="card my-reg my-reg--waitlisted">
        <View className="my-reg__title">未中签，已进入候补</View>
        <View className="waitlist-position">
          候补第 <Text className="waitlist-position__n">{reg.waitlistPosition ?? '—'}</Text> 位
        </View>
        <View className="muted">有中签会员放弃时按抽签顺序递补，递补成功后会通知您，并在这里显示电子票。</View>
      </View>
    );
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
      <View className="my-reg__title">{reg.status === 'checked_in' ? '已签到' : lottery ? '中签' : '报名成功'}</View>
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

/** How this lottery is drawn, the seed's hash published before the first application, and the result once drawn. */
function LotteryCard({ a }: { a: TActivityWithMine }) {
  return (
    <View className="card lottery-card">
      <View className="activity-desc__title">抽签说明</View>
      <View className="muted">
        {a.drawnAt ? `已于 ${formatDateTime(a.drawnAt)} 开奖。` : `报名截止（${formatDateTime(a.signupClosesAt)}）后系统自动抽签。`}
        报名先后不影响结果{a.waitlistEnabled ? '，未中签的会员按抽签顺序候补' : ''}。
      </View>
      {a.priorityGroups.length > 0 && a.priorityShare > 0 ? (
        <KeyValue label="优先类别">
          {a.priorityGroups.map((g) => MEMBER_GROUP_LABELS[g]).join('、')}（{a.priorityShare}% 名额优先抽取）
        </KeyValue>
      ) : null}
      <KeyValue label="种子摘要">
        <Text className="seed-hash" selectable>{a.drawSeedHash ?? '—'}</Text>
      </KeyValue>
      <View className="muted">抽签所用的随机种子在报名开始前已经确定，这里公布的是它的 SHA-256 摘要；开奖时公布种子，任何人都可以核对并重算结果。</View>
      {a.drawnAt ? (
        <Button className="draw-result-link" fill="outline" block onClick={() => go(`/packages/lottery/result/index?id=${a.id}`)}>
          查看抽签公示
        </Button>
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
      toast(status === 'waitlisted' ? '已登记候补' : status === 'applied' ? '已报名抽签' : '报名成功', 'success');
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
        {a.allocation === 'lottery' ? (
          <KeyValue label="名额" valueClassName="seats-detail">
            共 {a.capacity} 个，已报名 <Text className="applicant-count">{a.applicantCount ?? 0}</Text> 人
            {a.drawnAt ? `，中签 ${a.confirmedCount}` : ''}
          </KeyValue>
        ) : (
          <KeyValue label="名额" valueClassName="seats-detail">
            共 {a.capacity} 个，已报 {a.confirmedCount}，剩余 {Math.max(0, a.seatsLeft)}
            {a.waitlistEnabled ? `，候补 ${a.waitlistCount}` : ''}
          </KeyValue>
        )}
        {a.cancelDeadline ? (
          <KeyValue label="取消截止"><Text className="nowrap">{formatDateTime(a.cancelDeadline)}</Text></KeyValue>
        ) : null}
        <KeyValue label="报名范围">{a.audience === 'all' ? '全市会员' : `${a.orgName}及下属工会会员`}</KeyValue>
      </View>

      {a.allocation === 'lottery' ? <LotteryCard a={a} /> : null}

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
