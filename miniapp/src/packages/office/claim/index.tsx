import { Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import Button from '../../../components/ui/button';
import { errorMessage } from '../../../services/api';
import { confirm, toast } from '../../../utils/feedback';
import { openDocument } from '../claim-documents';
import { yuanTextToFen } from '../../../../../shared/domain/money.js';
import type { TClaimTransitionRequest } from '../../../services/contract';
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
import Timeline from '../../../components/Timeline';
import '../../../pages/claim/index.scss';
import '../office.scss';

export default function OfficerClaimPage() {
  const id = useRouter().params.id ?? '';
  const { allowed, ready } = useOfficeAccess('claims');
  const claim = useResource(() => officeApi.claim(id), [id]);
  const [note, setNote] = useState('');
  const [approvedYuan, setApprovedYuan] = useState('');
  const [busy, setBusy] = useState(false);

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

  const move = async (status: TClaimTransitionRequest['status'], label: string) => {
    if (busy) return;
    const text = note.trim();
    if ((status === 'needs_info' || status === 'rejected') && !text) {
      toast(status === 'needs_info' ? '请在说明中写明缺少哪些材料' : '请在说明中写明不予给付的原因');
      return;
    }
    const body: TClaimTransitionRequest = { status, ...(text ? { note: text } : {}) };
    if (status === 'approved' && approvedYuan.trim()) {
      const fen = yuanTextToFen(approvedYuan);
      if (fen === null) {
        toast('核定金额请填写元，最多两位小数');
        return;
      }
      body.amountApprovedFen = fen;
    }
    if (!(await confirm(label, `确定将该申请改为“${CLAIM_STATUS_LABELS[status]}”吗？会员会收到通知。`, '确定'))) return;
    setBusy(true);
    try {
      await officeApi.transitionClaim(c.id, body);
      setNote('');
      setApprovedYuan('');
      toast('已更新', 'success');
      await claim.reload();
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const open = async (uploadId: string, contentType: string) => {
    try {
      await openDocument(uploadId, contentType);
    } catch {
      toast('材料打开失败，请稍后重试');
    }
  };
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
      {c.description ? (
        <View className="card officer-claim-description">
          <KeyValue label="情况说明">{c.description}</KeyValue>
        </View>
      ) : null}

      {c.documents && c.documents.length > 0 ? (
        <View className="card officer-claim-documents">
          <View className="section-title">申请材料（查看会记录）</View>
          {c.documents.map((d) => (
            <View key={d.uploadId} className="row row--between officer-claim-document" data-key={d.key}>
              <Text>{d.label}</Text>
              <Text className="link officer-claim-document__open" onClick={() => void open(d.uploadId, d.contentType)}>
                查看
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {c.status === 'submitted' || c.status === 'under_review' ? (
        <View className="card officer-claim-actions">
          <Textarea className="form-field__textarea officer-claim-note" value={note} placeholder="说明：要求补充材料时写明缺少什么；不予给付时写明原因" maxlength={200} onInput={(e) => setNote(e.detail.value)} />
          {c.status === 'submitted' ? (
            <Button className="officer-claim-accept" type="primary" block loading={busy} onClick={() => void move('under_review', '受理')}>
              受理
            </Button>
          ) : (
            <View>
              <Input className="form-field__input officer-claim-amount" type="digit" value={approvedYuan} placeholder="核定金额（元，选填）" onInput={(e) => setApprovedYuan(e.detail.value)} />
              <Button className="officer-claim-needs-info" block loading={busy} onClick={() => void move('needs_info', '补充材料')}>
                要求补充材料
              </Button>
              <Button className="officer-claim-approve" type="primary" block loading={busy} onClick={() => void move('approved', '核定')}>
                核定
              </Button>
              <Button className="officer-claim-reject" block loading={busy} onClick={() => void move('rejected', '不予给付')}>
                不予给付
              </Button>
            </View>
          )}
        </View>
      ) : null}

      <View className="section-title">办理进度</View>
      <Timeline className="claim-timeline" steps={timeline} labels={CLAIM_STATUS_LABELS} />
    </PageShell>
  );
}
