import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import KeyValue from '../../components/KeyValue';
import PageShell from '../../components/PageShell';
import { ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { claimTone, timelineOldestFirst, useClaim } from '../../hooks/use-claims';
import DocumentPicker, { type UploadedDoc } from '../../components/DocumentPicker';
import { api, errorMessage } from '../../services/api';
import { useState } from 'react';
import { CLAIM_DOCUMENT_KEYS } from '../../../../shared/domain/claim-documents.js';
import { IS_WEAPP } from '../../services/platform';
import { askForNotices, CLAIM_NOTICES } from '../../services/subscriptions';
import { toast } from '../../utils/feedback';
import { CLAIM_STATUS_LABELS, PLAN_NAMES } from '../../../../shared/domain/claims.js';
import { formatYuan } from '../../../../shared/domain/money.js';
import { formatDate, formatDateTime } from '../../../../shared/domain/time.js';
import Timeline from '../../components/Timeline';
import './index.scss';

export default function ClaimPage() {
  const id = useRouter().params.id ?? '';
  const claim = useClaim(id);
  const [added, setAdded] = useState<UploadedDoc[]>([]);
  const [sending, setSending] = useState(false);

  usePullDownRefresh(async () => {
    await claim.reload();
    Taro.stopPullDownRefresh();
  });

  if (claim.loading) return <PageShell className="page-claim"><LoadingView /></PageShell>;
  if (!claim.data)
    return (
      <PageShell className="page-claim">
        <ErrorView error={claim.error ?? { code: 'NOT_FOUND', message: '未找到该申请' }} onRetry={claim.reload} />
      </PageShell>
    );

  const c = claim.data;
  const timeline = timelineOldestFirst(c);
  const settled = c.status === 'paid' || c.status === 'rejected';
  // What the officer asked for: the note of the newest 待补充材料 entry.
  const missing = c.status === 'needs_info' ? [...timeline].reverse().find((t) => t.status === 'needs_info')?.note ?? null : null;

  const sendDocuments = async () => {
    if (sending || added.length === 0) return;
    setSending(true);
    try {
      await api.addClaimDocuments(c.id, { documents: added.map((d) => ({ key: d.key, uploadId: d.uploadId })) });
      setAdded([]);
      toast('材料已补充', 'success');
      await claim.reload();
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const notifyMe = () => {
    // Synchronously inside the tap: WeChat opens the subscription dialog nowhere else.
    void askForNotices(CLAIM_NOTICES).then((answer) => {
      if (answer.asked && 'accepted' in answer && answer.accepted.length) toast('已开启进度通知', 'success');
    });
  };
  return (
    <PageShell className="page-claim">
      <View className="card claim-head">
        <View className="row row--between">
          <Text className="claim-head__plan">{PLAN_NAMES[c.plan]}</Text>
          <Text className={`claim-status claim-status--${claimTone(c.status)}`}>{CLAIM_STATUS_LABELS[c.status]}</Text>
        </View>
        <View className="muted">申请编号 {c.claimNo}</View>
      </View>

      {c.status === 'needs_info' ? (
        <View className="card claim-needs-info">
          <View className="notice notice--warn">经办人需要您补充材料{missing ? '：' : '，请联系所在工会。'}</View>
          {missing ? <Text className="claim-missing">{missing}</Text> : null}
          {CLAIM_DOCUMENT_KEYS.map((k) => (
            <DocumentPicker key={k} docKey={k} docs={added} onAdd={(d) => setAdded((all) => [...all, d])} onRemove={(u) => setAdded((all) => all.filter((d) => d.uploadId !== u))} />
          ))}
          <Button className="claim-add-documents" type="primary" block loading={sending} disabled={added.length === 0} onClick={() => void sendDocuments()}>
            提交补充材料
          </Button>
        </View>
      ) : null}

      {c.status === 'rejected' && c.rejectReason ? (
        <View className="card claim-reject">
          <View className="claim-reject__title">未通过原因</View>
          <Text className="claim-reject__text">{c.rejectReason}</Text>
          <View className="muted claim-reject__tip">如有疑问，可联系所在工会的互助保障经办人。</View>
        </View>
      ) : null}

      <View className="card">
        <KeyValue label="出险日期"><Text className="nowrap">{formatDate(c.incidentDate)}</Text></KeyValue>
        <KeyValue label="提交时间"><Text className="nowrap">{formatDateTime(c.submittedAt)}</Text></KeyValue>
        <KeyValue label="申请金额">¥{formatYuan(c.amountClaimedFen)}</KeyValue>
        {c.amountApprovedFen !== null ? (
          <KeyValue label="核定金额" valueClassName="claim-approved">¥{formatYuan(c.amountApprovedFen)}</KeyValue>
        ) : null}
        {c.amountPaidFen !== null ? (
          <View className="kv claim-paid">
            <Text className="kv__k">已打款</Text>
            <Text className="kv__v claim-paid__v">
              ¥{formatYuan(c.amountPaidFen)}
              {c.paidAt ? `（${formatDateTime(c.paidAt)}）` : ''}
            </Text>
          </View>
        ) : null}
      </View>

      {c.documents && c.documents.length > 0 ? (
        <View className="card claim-documents">
          <View className="claim-documents__title">已提交的材料</View>
          {c.documents.map((d) => (
            <View key={d.uploadId} className="row row--between claim-document">
              <Text>{d.label}</Text>
              <Text className="muted nowrap">{formatDateTime(d.addedAt)}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {IS_WEAPP && !settled ? (
        <View className="claim-notify">
          <Button className="claim-notify__button" fill="outline" block onClick={notifyMe}>
            进度有变化时通知我
          </Button>
        </View>
      ) : null}

      <View className="section-title">办理进度</View>
      <Timeline className="claim-timeline" steps={timeline} labels={CLAIM_STATUS_LABELS} />
    </PageShell>
  );
}
