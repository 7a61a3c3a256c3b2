import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import KeyValue from '../../../components/KeyValue';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import { useResource } from '../../../hooks/resource';
import { claimTone, timelineOldestFirst } from '../../../hooks/use-claims';
import { officeApi } from '../office-api';
import { useOfficeAccess } from '../use-office';
import { CLAIM_STATUS_LABELS, PLAN_NAMES } from '../../../../../shared/domain/claims.js';
import { formatYuan } from '../../../../../shared/domain/money.js';
import { formatDate, formatDateTime } from '../../../../../shared/domain/time.js';
import '../../../pages/claim/index.scss';
import '../office.scss';

export default function OfficerClaimPage() {
  const id = useRouter().params.id ?? '';
  const { allowed, ready } = useOfficeAccess('claims');
  const claim = useResource(() => officeApi.claim(id), [id]);

  if (!ready || claim.loading) return <PageShell className="page-office-claim"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-claim"><EmptyView title="您没有查看理赔的权限" /></PageShell>;
  if (!claim.data)
    return (
      <PageShell className="page-office-claim">
        <ErrorView error={claim.error ?? { code: 'NOT_FOUND', message: '未找到该申请' }} onRetry={claim.reload} />
      </PageShell>
    );
  const c = claim.data;
  const timeline = timelineOldestFirst(c);
  return (
    <PageShell className="page-office-claim">
      <View className="notice notice--info audit-notice">本次查看已记录在审计日志中。</View>
      <View className="card claim-head">
        <View className="row row--between">
          <Text className="claim-head__plan">{PLAN_NAMES[c.plan]}</Text>
          <Text className={`claim-status claim-status--${claimTone(c.status)}`}>{CLAIM_STATUS_LABELS[c.status]}</Text>
        </View>
        <View className="muted">申请编号 {c.claimNo}</View>
      </View>
      <View className="card officer-claim-member">
        <KeyValue label="会员">{c.memberName}</KeyValue>
        <KeyValue label="会员编号">{c.memberNo}</KeyValue>
        <KeyValue label="身份证号">{c.idNumberMasked}</KeyValue>
        <KeyValue label="所属工会">{c.orgName}</KeyValue>
      </View>
      <View className="card">
        <KeyValue label="出险日期">{formatDate(c.incidentDate)}</KeyValue>
        <KeyValue label="提交时间">{formatDateTime(c.submittedAt)}</KeyValue>
        <KeyValue label="申请金额">¥{formatYuan(c.amountClaimedFen)}</KeyValue>
        {c.amountApprovedFen !== null ? <KeyValue label="核定金额">¥{formatYuan(c.amountApprovedFen)}</KeyValue> : null}
        {c.amountPaidFen !== null ? <KeyValue label="实付金额">¥{formatYuan(c.amountPaidFen)}</KeyValue> : null}
        {c.paidAt ? <KeyValue label="支付时间">{formatDateTime(c.paidAt)}</KeyValue> : null}
        {c.rejectReason ? <KeyValue label="不予给付原因">{c.rejectReason}</KeyValue> : null}
      </View>
      <View className="section-title">办理进度</View>
      <View className="card claim-timeline">
        {timeline.map((t, i) => (
          <View key={`${t.status}-${t.at}-${i}`} className={`timeline-item${i === timeline.length - 1 ? ' timeline-item--current' : ''}`}>
            <View className="timeline-item__dot" />
            <View className="timeline-item__body">
              <View className="row row--between">
                <Text className="timeline-item__status">{CLAIM_STATUS_LABELS[t.status]}</Text>
                <Text className="timeline-item__at muted">{formatDateTime(t.at)}</Text>
              </View>
              {t.note ? <Text className="timeline-item__note">{t.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>
    </PageShell>
  );
}
