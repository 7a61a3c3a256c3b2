// 入会审核 (issue #15): the union's queue, oldest first, overdue ones marked; approve, reject with a
// reason the applicant reads, or send to the right union; 会籍转移 (./transfers.tsx): accept or
// refuse members moving in, object to members moving out; and the union's join QR code.
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import PageShell from '../../../components/PageShell';
import QrCode from '../../../components/QrCode';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { usePagedList } from '../../../hooks/paged-list';
import { toUiError, useResource } from '../../../hooks/resource';
import { usePageRefresh } from '../../../hooks/use-page-refresh';
import type { TAdminJoinApplication } from '../../../services/contract';
import { confirm, toast } from '../../../utils/feedback';
import OrgPicker from '../components/OrgPicker';
import ReasonForm from '../components/ReasonForm';
import { joinAddress, joinOfficeApi } from '../join-api';
import { officeApi } from '../office-api';
import { canUse, isAdmin } from '../sections';
import TransfersTab from './transfers';
import { useOfficeAccess, useOfficeAction, usePickableOrgs } from '../use-office';
import { formatDate, formatDateTime } from '../../../../../shared/domain/time.js';
import LoadMore from '../components/LoadMore';
import '../office.scss';

const CHANNEL_LABELS = { employer: '单位工会', gig: '新就业形态' } as const;

function ApplicationCard({ app, orgs, onDone }: { app: TAdminJoinApplication; orgs: { id: string; name: string; parentId: string | null }[]; onDone: () => void }) {
  const [mode, setMode] = useState<'idle' | 'reject' | 'transfer'>('idle');
  const [target, setTarget] = useState<string | undefined>();
  const { busy, act } = useOfficeAction(onDone);
  return (
    <View className={`card join-app${app.overdue ? ' join-app--overdue' : ''}`} data-id={app.id}>
      <View className="list-row__main">
        <Text className="list-row__title join-app__name">
          {app.name}
          {app.overdue ? <Text className="join-app__overdue"> 已超期</Text> : null}
        </Text>
        <Text className="muted">身份证 {app.idNumberMasked}</Text>
        <Text className="muted">手机 {app.phoneMasked ?? '未填写'}{app.phoneVerified ? '（已验证）' : ''}</Text>
        <Text className="muted">
          {CHANNEL_LABELS[app.channel]} · {app.employer ?? app.platform ?? ''}{app.district ? ` · ${app.district}` : ''}
        </Text>
        <Text className="muted">
          {app.escalated ? `${app.orgName} · ` : ''}提交 {formatDateTime(app.submittedAt)} · 期限 {formatDate(app.reviewDueAt.slice(0, 10))}
        </Text>
      </View>
      {mode === 'idle' ? (
        <View className="join-app__actions">
          <Button className="join-approve" type="primary" size="large" loading={busy} onClick={() => void (async () => (await confirm('通过入会申请', `${app.name}将成为${app.orgName}的会员。`, '通过')) && act(() => joinOfficeApi.approve(app.id), '已通过'))()}>
            通过
          </Button>
          <Button className="join-reject" size="large" onClick={() => setMode('reject')}>
            驳回
          </Button>
          <Button className="join-transfer" size="large" onClick={() => setMode('transfer')}>
            转其他工会
          </Button>
        </View>
      ) : null}
      {mode === 'reject' ? (
        <ReasonForm
          inputClass="join-reject-input"
          sendClass="join-reject-send"
          placeholder="驳回原因（申请人可见，2–200字）"
          sendText="确认驳回"
          missing="请填写驳回原因"
          busy={busy}
          onSend={(reason) => void act(() => joinOfficeApi.reject(app.id, reason), '已驳回')}
          onCancel={() => setMode('idle')}
        />
      ) : null}
      {mode === 'transfer' ? (
        <View className="join-app__form">
          <OrgPicker orgs={orgs.filter((o) => o.id !== app.orgId)} value={target} onChange={setTarget} placeholder="选择要转去的工会" />
          <Button className="join-transfer-send" type="primary" size="large" loading={busy} onClick={() => (target ? void act(() => joinOfficeApi.transfer(app.id, target), '已转办') : toast('请选择工会'))}>
            确认转办
          </Button>
          <Button size="large" onClick={() => setMode('idle')}>
            取消
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function JoinQr({ orgId }: { orgId: string }) {
  const code = useResource(() => joinOfficeApi.joinCode(orgId), [orgId]);
  if (code.loading) return <LoadingView />;
  if (code.error || !code.data) return <ErrorView error={code.error ?? { code: undefined, message: '加载失败' }} onRetry={() => void code.reload()} />;
  return (
    <View className="card join-qr">
      <View className="section-title">{code.data.orgName}入会二维码</View>
      {code.data.qrPng ? (
        <Image className="join-qr__image" src={`data:image/png;base64,${code.data.qrPng}`} style={{ width: '240px', height: '240px' }} />
      ) : (
        <QrCode className="join-qr__code" text={joinAddress(code.data.path)} size={240} />
      )}
      <View className="muted">职工用微信扫码即可申请加入本工会，申请将直接进入本工会的审核列表。可截图打印张贴。</View>
    </View>
  );
}

type Tab = 'queue' | 'transfers' | 'qr';
const TAB_TITLES: Record<Tab, string> = { queue: '入会审核', transfers: '会籍转移', qr: '入会审核' };

export default function JoinReviewPage() {
  const { allowed, ready, roles } = useOfficeAccess('join');
  // the office home's 会籍转移 entry opens this page on its tab (?tab=transfers)
  const [tab, setTab] = useState<Tab>(useRouter().params.tab === 'transfers' ? 'transfers' : 'queue');
  const orgs = usePickableOrgs(roles, allowed);
  // any union may receive a transfer, not only those in the caller's subtree
  const allOrgs = useResource(async () => (allowed ? officeApi.allOrgs() : { items: [] }), [allowed]);
  const [qrOrg, setQrOrg] = useState<string | undefined>();
  const list = usePagedList<TAdminJoinApplication>((cursor) => joinOfficeApi.queue({ cursor }), [allowed]);
  const showTransfers = allowed && tab === 'transfers';
  const transfers = useResource(async () => (showTransfers ? joinOfficeApi.transfers() : { items: [] }), [showTransfers]);
  usePageRefresh({ reload: () => (tab === 'transfers' ? transfers.reload() : list.reload()), loadMore: tab === 'queue' ? list.loadMore : undefined });
  useEffect(() => void Taro.setNavigationBarTitle({ title: TAB_TITLES[tab] }).catch(() => undefined), [tab]);
  // the unions whose transfers this person acts on: an admin all (null), a cadre their subtree
  const mine = useMemo(() => (isAdmin(roles) ? null : orgs.data ? new Set(orgs.data.map((o) => o.id)) : undefined), [roles, orgs.data]);
  if (!ready) return <PageShell className="page-office"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office"><EmptyView title="没有权限" description="入会审核仅限工会干部和管理员使用" /></PageShell>;
  const chosenQrOrg = qrOrg ?? roles.find((r) => r.role === 'cadre')?.orgId ?? orgs.data?.[0]?.id;
  return (
    <PageShell className="page-office page-join-review">
      <View className="join-tabs">
        <View className={`join-tab join-tab-queue${tab === 'queue' ? ' join-tab--on' : ''}`} onClick={() => setTab('queue')}>
          待审核申请
        </View>
        {canUse(roles, 'transfers') ? (
          <View className={`join-tab join-tab-transfers${tab === 'transfers' ? ' join-tab--on' : ''}`} onClick={() => setTab('transfers')}>
            会籍转移
          </View>
        ) : null}
        <View className={`join-tab join-tab-qr${tab === 'qr' ? ' join-tab--on' : ''}`} onClick={() => setTab('qr')}>
          入会二维码
        </View>
      </View>
      {tab === 'queue' ? (
        list.loading ? (
          <LoadingView />
        ) : list.error && list.items.length === 0 ? (
          <ErrorView error={list.error} onRetry={list.reload} />
        ) : list.items.length === 0 ? (
          <EmptyView title="没有待审核的入会申请" description="新的申请会按提交先后出现在这里" />
        ) : (
          <View className="join-queue">
            <View className="muted join-queue__hint">按提交先后排列，超过5个工作日未审核的标为“已超期”，并同时提交上级工会。</View>
            {list.items.map((app) => (
              <ApplicationCard key={app.id} app={app} orgs={allOrgs.data?.items ?? []} onDone={() => void list.reload()} />
            ))}
            <LoadMore list={list} />
          </View>
        )
      ) : tab === 'transfers' ? (
        orgs.error && !orgs.data && !isAdmin(roles) ? <ErrorView error={orgs.error} onRetry={() => void orgs.reload()} /> : <TransfersTab list={transfers} mine={mine} />
      ) : (
        <View className="join-qr-wrap">
          {orgs.data && orgs.data.length > 1 ? <OrgPicker orgs={orgs.data} value={chosenQrOrg} onChange={setQrOrg} /> : null}
          {chosenQrOrg ? <JoinQr orgId={chosenQrOrg} /> : <EmptyView title="请选择工会" />}
        </View>
      )}
    </PageShell>
  );
}
