import { Text, View } from '@tarojs/components';
import PageShell from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { claimTone, coverageThisYear, shanghaiYear, useInsurance } from '../../hooks/use-claims';
import { go } from '../../utils/feedback';
import { CLAIM_STATUS_LABELS, PLAN_NAMES } from '../../../../shared/domain/claims.js';
import { formatYuan } from '../../../../shared/domain/money.js';
import { formatDate, formatDateTime } from '../../../../shared/domain/time.js';
import { usePageRefresh } from '../../hooks/use-page-refresh';
import './index.scss';

export default function InsurancePage() {
  const ins = useInsurance();
  const now = new Date();
  const year = shanghaiYear(now);

  usePageRefresh(ins);

  if (ins.loading) return <PageShell className="page-insurance"><LoadingView /></PageShell>;
  if (!ins.data) {
    const err = ins.error ?? { code: undefined, message: '加载失败' };
    return (
      <PageShell className="page-insurance">
        <ErrorView
          error={err}
          onRetry={ins.reload}
          action={err.code === 'NOT_A_MEMBER' ? <Button type="primary" onClick={() => go('/pages/bind/index')}>去实名绑定</Button> : undefined}
        />
      </PageShell>
    );
  }

  const coverage = coverageThisYear(ins.data.coverage, now);
  const claims = ins.data.claims;

  return (
    <PageShell className="page-insurance">
      {ins.error ? <NoticeBar tone="warn" text={`刷新失败：${ins.error.message}`} /> : null}

      <View className="section-title">{year}年 我的保障</View>
      {coverage.length === 0 ? (
        <View className="card coverage-none muted">今年暂无保障记录。参保由所在工会统一办理，如有疑问请联系工会。</View>
      ) : (
        <View className="coverage-list">
          {coverage.map((c) => (
            <View key={`${c.plan}-${c.year}`} className="coverage-card" data-plan={c.plan}>
              <View className="coverage-card__name">{c.planName || PLAN_NAMES[c.plan]}</View>
              <View className="coverage-card__period">
                保障期：<Text className="nowrap">{formatDate(c.startsOn)}</Text> 至 <Text className="nowrap">{formatDate(c.endsOn)}</Text>
              </View>
              <Text className="coverage-card__tag">保障中</Text>
            </View>
          ))}
        </View>
      )}

      {ins.data.coverage.length > 0 ? (
        <View className="claim-apply-entry">
          <Button className="claim-apply-button" type="primary" block onClick={() => go('/pages/claim-apply/index')}>
            申请互助金
          </Button>
        </View>
      ) : null}

      <View className="section-title">我的互助金申请</View>
      {claims.length === 0 ? (
        <EmptyView title="暂无申请记录" description="在线提交后由所在工会经办人受理，进度会显示在这里" />
      ) : (
        claims.map((c) => (
          <View key={c.id} className="card claim-card" data-id={c.id} onClick={() => go(`/pages/claim/index?id=${c.id}`)}>
            <View className="row row--between">
              <Text className="claim-card__plan">{PLAN_NAMES[c.plan]}</Text>
              <Text className={`claim-status claim-status--${claimTone(c.status)}`}>{CLAIM_STATUS_LABELS[c.status]}</Text>
            </View>
            <View className="claim-card__amounts">
              <View className="claim-amount">
                <Text className="claim-amount__k">申请金额</Text>
                <Text className="claim-amount__v">¥{formatYuan(c.amountClaimedFen)}</Text>
              </View>
              {c.amountPaidFen !== null ? (
                <View className="claim-amount">
                  <Text className="claim-amount__k">已打款</Text>
                  <Text className="claim-amount__v claim-amount__v--done">¥{formatYuan(c.amountPaidFen)}</Text>
                </View>
              ) : c.amountApprovedFen !== null ? (
                <View className="claim-amount">
                  <Text className="claim-amount__k">核定金额</Text>
                  <Text className="claim-amount__v">¥{formatYuan(c.amountApprovedFen)}</Text>
                </View>
              ) : null}
            </View>
            <View className="muted">
              编号 {c.claimNo} · 提交于 <Text className="nowrap">{formatDateTime(c.submittedAt)}</Text>
            </View>
          </View>
        ))
      )}
      {ins.data.moreClaims ? <View className="muted list-more">仅显示最近的申请</View> : null}
    </PageShell>
  );
}
