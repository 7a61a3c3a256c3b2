// 会籍转移 in the office (issue #15): transfers into the cadre's unions (接收 / 不接收 with a reason
// the member reads), transfers out of them (the objection deadline, 提出异议 with a reason while it
// runs), and the recently finished ones with their outcome.
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import type { UiError } from '../../../hooks/resource';
import type { TMembershipTransfer } from '../../../services/contract';
import { confirm } from '../../../utils/feedback';
import ReasonForm from '../components/ReasonForm';
import { joinOfficeApi } from '../join-api';
import { arrangeTransfers, TRANSFER_STATUS_LABELS, transferErrorText, type TransferItem } from '../transfer-model';
import { useOfficeAction } from '../use-office';
import { formatDateTime } from '../../../../../shared/domain/time.js';

function TransferCard({ item, onDone }: { item: TransferItem; onDone: () => void }) {
  const { transfer: t, canDecide, canObject } = item;
  const [mode, setMode] = useState<'idle' | 'reject' | 'object'>('idle');
  const { busy, act } = useOfficeAction(onDone, (e) => transferErrorText(e.code, e.message));
  const accept = async () => {
    if (!(await confirm('接收会籍转移', `同意${t.memberName}转入${t.toOrgName}。${t.fromOrgName}可在5个工作日内提出异议，期满后转移完成。`, '接收'))) return;
    await act(() => joinOfficeApi.acceptTransfer(t.id), '已接收');
  };
  return (
    <View className={`card transfer-card transfer-card--${t.status}`} data-id={t.id}>
      <View className="list-row__main">
        <View className="transfer-card__head">
          <Text className="list-row__title transfer-card__name">{t.memberName}</Text>
          <Text className={`transfer-card__status transfer-status--${t.status}`}>{TRANSFER_STATUS_LABELS[t.status]}</Text>
        </View>
        <Text className="transfer-card__route">
          {t.fromOrgName} → {t.toOrgName}
        </Text>
        <Text className="muted">申请时间 {formatDateTime(t.requestedAt)}</Text>
        {t.reason ? <Text className="muted transfer-card__member-reason">转移原因：{t.reason}</Text> : null}
        {t.acceptedAt ? <Text className="muted">接收时间 {formatDateTime(t.acceptedAt)}</Text> : null}
        {t.status === 'accepted' && t.objectionDueAt ? <Text className="transfer-card__due">异议截止 {formatDateTime(t.objectionDueAt)}</Text> : null}
        {t.status === 'requested' && !canDecide ? <Text className="muted transfer-card__waiting">等待{t.toOrgName}接收</Text> : null}
        {t.status === 'accepted' && !canObject ? <Text className="muted transfer-card__waiting">原工会异议期内，期满无异议即完成转移</Text> : null}
        {t.decisionReason ? (
          <Text className="transfer-card__reason">
            {t.status === 'objected' ? '异议原因' : '未接收原因'}：{t.decisionReason}
          </Text>
        ) : null}
        {t.completedAt ? <Text className="muted">完成时间 {formatDateTime(t.completedAt)}</Text> : null}
        {t.status === 'cancelled' && t.decidedAt ? <Text className="muted">撤回时间 {formatDateTime(t.decidedAt)}</Text> : null}
      </View>
      {mode === 'idle' && canDecide ? (
        <View className="join-app__actions">
          <Button className="transfer-accept" type="primary" size="large" loading={busy} onClick={() => void accept()}>
            接收
          </Button>
          <Button className="transfer-reject" size="large" onClick={() => setMode('reject')}>
            不接收
          </Button>
        </View>
      ) : null}
      {mode === 'idle' && canObject ? (
        <View className="join-app__actions">
          <Button className="transfer-object" size="large" onClick={() => setMode('object')}>
            提出异议
          </Button>
        </View>
      ) : null}
      {mode === 'reject' ? (
        <ReasonForm
          inputClass="transfer-reject-input"
          sendClass="transfer-reject-send"
          placeholder="不接收的原因（会员可见，2–200字）"
          sendText="确认不接收"
          missing="请填写不接收的原因"
          busy={busy}
          onSend={(reason) => void act(() => joinOfficeApi.rejectTransfer(t.id, reason), '已处理')}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'object' ? (
        <ReasonForm
          inputClass="transfer-object-input"
          sendClass="transfer-object-send"
          placeholder="异议原因（会员可见，2–200字），如：尚有未结清的互助金"
          sendText="确认提出异议"
          missing="请填写异议原因"
          busy={busy}
          onSend={(reason) => void act(() => joinOfficeApi.objectTransfer(t.id, reason), '已提出异议')}
          onCancel={() => setMode('idle')}
        />
      ) : null}
    </View>
  );
}

function Group({ title, className, items, empty, onDone }: { title: string; className: string; items: TransferItem[]; empty: string; onDone: () => void }) {
  return (
    <View className={`transfer-group ${className}`}>
      <View className="section-title transfer-group__title">
        {title}（{items.length}）
      </View>
      {items.length === 0 ? <View className="muted transfer-group__empty">{empty}</View> : items.map((item) => <TransferCard key={item.transfer.id} item={item} onDone={onDone} />)}
    </View>
  );
}

/**
 * The 会籍转移 tab. `mine`: the ids of the unions the caller manages (null: an admin, all);
 * `list`: GET /api/admin/membership-transfers, loaded by the page (pull down refreshes it).
 */
export default function TransfersTab({ list, mine }: { list: { data: { items: TMembershipTransfer[] } | null; loading: boolean; error: UiError | null; reload: () => Promise<unknown> }; mine: ReadonlySet<string> | null | undefined }) {
  if (list.loading || mine === undefined) return <LoadingView />;
  if (list.error && !list.data) return <ErrorView error={list.error} onRetry={() => void list.reload()} />;
  const items = list.data?.items ?? [];
  if (items.length === 0) return <EmptyView title="暂无会籍转移" description="会员申请转入或转出本工会时会出现在这里" />;
  const { incoming, outgoing, recent } = arrangeTransfers(items, mine, new Date());
  const reload = () => void list.reload();
  return (
    <View className="transfers">
      <View className="muted transfers__hint">新工会接收后，原工会可在5个工作日内提出异议；期满无异议，会员自动转入新工会。</View>
      <Group title="转入本工会" className="transfers-incoming" items={incoming} empty="暂无转入申请" onDone={reload} />
      <Group title="转出本工会" className="transfers-outgoing" items={outgoing} empty="暂无转出的会员" onDone={reload} />
      <Group title="近期办结" className="transfers-recent" items={recent} empty="暂无办结记录" onDone={reload} />
    </View>
  );
}
