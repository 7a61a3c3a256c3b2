// 帮扶审核 (issue #17): the review queue per level with its deadline, and each decision (通过;
// 退回 naming the wrong document; 不通过 with a reason). Admins also open a programme, start the
// public notice and record payments. The server decides every permission again.
import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import KeyValue from '../../../components/KeyValue';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, useResource } from '../../../hooks/resource';
import type { TAidApplicationSummary, TAidProgram } from '../../../services/contract';
import { alert, confirm, toast } from '../../../utils/feedback';
import { isAdmin } from '../sections';
import { useOfficeAccess } from '../use-office';
import { AID_KIND_LABELS, AID_STATUS_LABELS } from '../../../../../shared/domain/aid.js';
import { formatYuan } from '../../../../../shared/domain/money.js';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import { aidOfficeApi, openDocument } from './aid-office-api';
import '../office.scss';
import './index.scss';

type Level = 'grassroots' | 'city';
const LEVEL_STATUS = { grassroots: 'submitted', city: 'grassroots_approved' } as const;

function ReviewCard({ a, onDone }: { a: TAidApplicationSummary; onDone: () => void }) {
  const [mode, setMode] = useState<'none' | 'return' | 'reject'>('none');
  const [reason, setReason] = useState('');
  const [docKey, setDocKey] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const decide = async (decision: 'approve' | 'return' | 'reject') => {
    if (busy) return;
    if (decision === 'approve' && !(await confirm('审核通过', `${a.applicant.name}：${a.level} ¥${formatYuan(a.amountFen)}`, '通过'))) return;
    setBusy(true);
    try {
      await aidOfficeApi.review(a.id, { decision, reason: decision === 'approve' ? undefined : reason.trim(), documentKey: decision === 'return' ? docKey : undefined });
      toast(decision === 'approve' ? '已通过' : decision === 'return' ? '已退回' : '已处理', 'success');
      onDone();
    } catch (err) {
      await alert('未能提交', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const view = async (uploadId: string) => {
    try {
      await openDocument(uploadId);
    } catch {
      toast('材料打开失败，请重试');
    }
  };

  return (
    <View className={`card aid-review${a.overdue ? ' aid-review--overdue' : ''}`} data-id={a.id}>
      <View className="row row--between">
        <Text className="aid-review__name">{a.applicant.name}</Text>
        <Text className="muted">{AID_STATUS_LABELS[a.status]}</Text>
      </View>
      <KeyValue label="所在工会">{a.applicant.orgName}</KeyValue>
      <KeyValue label="项目">{a.programTitle}</KeyValue>
      <KeyValue label="档次金额">{`${a.level} ¥${formatYuan(a.amountFen)}`}</KeyValue>
      {a.child ? <KeyValue label="子女">{`${a.child.name ?? ''} · ${a.child.school ?? ''} · ${a.child.admissionYear ?? ''}`}</KeyValue> : null}
      {a.reviewDueAt ? (
        <KeyValue label="办理期限" valueClassName={a.overdue ? 'aid-review__due aid-review__due--late' : 'aid-review__due'}>
          {`${formatDateTime(a.reviewDueAt)}${a.overdue ? '（已超期）' : ''}`}
        </KeyValue>
      ) : null}
      <View className="aid-review__docs">
        {a.documents.map((d) => (
          <Button key={d.key} className={`aid-review__doc aid-view-doc-${d.key}`} size="small" fill="outline" onClick={() => void view(d.uploadId)}>
            查看{d.label}
          </Button>
        ))}
      </View>
      {mode !== 'none' ? (
        <View className="aid-review__form">
          {mode === 'return' ? (
            <View className="chip-row aid-return-docs">
              {a.documents.map((d) => (
                <View key={d.key} className={`chip aid-return-doc${docKey === d.key ? ' chip--on' : ''}`} data-key={d.key} onClick={() => setDocKey(docKey === d.key ? undefined : d.key)}>
                  {d.label}有误
                </View>
              ))}
            </View>
          ) : null}
          <Input className="office-input aid-reason" value={reason} maxlength={200} placeholder={mode === 'return' ? '请写明需要修改什么' : '请写明不通过的原因'} onInput={(e) => setReason(e.detail.value)} />
          <View className="office-actions">
            <Button className={mode === 'return' ? 'aid-confirm-return' : 'aid-confirm-reject'} type="primary" loading={busy} onClick={() => void decide(mode)}>
              {mode === 'return' ? '确认退回' : '确认不通过'}
            </Button>
            <Button fill="outline" onClick={() => setMode('none')}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="office-actions">
          <Button className="aid-approve" type="primary" loading={busy} onClick={() => void decide('approve')}>
            通过
          </Button>
          <Button className="aid-return" fill="outline" onClick={() => setMode('return')}>
            退回
          </Button>
          <Button className="aid-reject" fill="outline" onClick={() => setMode('reject')}>
            不通过
          </Button>
        </View>
      )}
    </View>
  );
}

function NewProgram({ onCreated }: { onCreated: () => void }) {
  const [title, setTitle] = useState('');
  const [eligibility, setEligibility] = useState('');
  const [levels, setLevels] = useState('本科:5000，专科:3000');
  const [docs, setDocs] = useState('录取通知书，困难证明');
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  const create = async () => {
    const amounts = levels.split(/[,，;；\n]/).map((s) => s.trim()).filter(Boolean).map((s) => s.split(/[:：]/));
    if (!title.trim() || amounts.some((p) => p.length !== 2 || !/^\d+(\.\d{1,2})?$/.test(p[1].trim()))) return toast('请填写名称和“档次:金额（元）”');
    setBusy(true);
    try {
      const now = Date.now();
      await aidOfficeApi.createProgram({
        kind: 'student_aid',
        title: title.trim(),
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + Number(days || '30') * 86_400_000).toISOString(),
        eligibility: eligibility.trim() || '本市工会会员',
        amountsFen: amounts.map(([level, yuan]) => ({ level: level.trim(), amountFen: Math.round(Number(yuan.trim()) * 100) })),
        requiredDocuments: docs.split(/[,，;；\n]/).map((s) => s.trim()).filter(Boolean).map((label, i) => ({ key: `doc_${i + 1}`, label })),
        publicityDays: 5,
      });
      toast('已发布', 'success');
      setTitle('');
      onCreated();
    } catch (err) {
      await alert('未能发布', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card aid-new-program">
      <View className="office-field">
        <Text className="office-field__label">项目名称</Text>
        <Input className="office-input aid-program-title" value={title} maxlength={60} placeholder="如：2026年金秋助学" onInput={(e) => setTitle(e.detail.value)} />
      </View>
      <View className="office-field">
        <Text className="office-field__label">申请条件</Text>
        <Input className="office-input aid-program-eligibility" value={eligibility} maxlength={500} placeholder="如：困难职工子女，当年考入高校" onInput={(e) => setEligibility(e.detail.value)} />
      </View>
      <View className="office-field">
        <Text className="office-field__label">档次与金额（元）</Text>
        <Input className="office-input aid-program-levels" value={levels} onInput={(e) => setLevels(e.detail.value)} />
      </View>
      <View className="office-field">
        <Text className="office-field__label">所需材料</Text>
        <Input className="office-input aid-program-docs" value={docs} onInput={(e) => setDocs(e.detail.value)} />
      </View>
      <View className="office-field">
        <Text className="office-field__label">受理天数</Text>
        <Input className="office-input aid-program-days" type="number" value={days} onInput={(e) => setDays(e.detail.value)} />
      </View>
      <View className="office-actions">
        <Button className="aid-create-program" type="primary" loading={busy} onClick={() => void create()}>
          发布项目
        </Button>
      </View>
    </View>
  );
}

function ProgramAdmin({ program, onChanged }: { program: TAidProgram; onChanged: () => void }) {
  const [ids, setIds] = useState('');
  const [busy, setBusy] = useState(false);
  const publicize = async () => {
    if (!(await confirm('开始公示', `公示${program.publicityDays}天，公示名单只显示姓氏、工会和金额。`, '开始公示'))) return;
    try {
      const r = await aidOfficeApi.publicize(program.id);
      toast(`已公示${r.publicized}人`);
      onChanged();
    } catch (err) {
      await alert('未能公示', toUiError(err).message);
    }
  };
  const importPayments = async () => {
    const list = ids.split(/[\s,，]+/).filter(Boolean);
    if (list.length === 0) return toast('请填写已发放的申请编号');
    setBusy(true);
    try {
      const paidAt = new Date().toISOString();
      const r = await aidOfficeApi.importPayments(list.map((applicationId) => ({ applicationId, paidAt })));
      await alert('发放结果已导入', `登记发放 ${r.updated} 条，未变 ${r.unchanged} 条${r.rejected.length ? `，未通过 ${r.rejected.length} 条：${r.rejected.map((x) => `第${x.index + 1}个编号：${x.message}`).join('；')}` : ''}`);
      setIds('');
      onChanged();
    } catch (err) {
      await alert('未能导入', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card aid-program-admin">
      <View className="office-actions">
        <Button className="aid-publicize" type="primary" onClick={() => void publicize()}>
          开始公示
        </Button>
      </View>
      <View className="office-field">
        <Text className="office-field__label">导入发放结果（申请编号，多个用空格或逗号分隔）</Text>
        <Input className="office-input aid-paid-ids" value={ids} placeholder="如：12, 15, 18" onInput={(e) => setIds(e.detail.value)} />
      </View>
      <View className="office-actions">
        <Button className="aid-import-payments" fill="outline" loading={busy} onClick={() => void importPayments()}>
          登记已发放
        </Button>
        <Button className="aid-import-payments-sheet" fill="outline" onClick={() => void Taro.navigateTo({ url: '/packages/office/import/index?kind=aidPayments' })}>
          导入发放表格
        </Button>
      </View>
    </View>
  );
}

export default function AidOfficePage() {
  const { roles, allowed, ready } = useOfficeAccess('aid');
  const admin = isAdmin(roles);
  const programs = useResource(() => aidOfficeApi.programs(), []);
  const [programId, setProgramId] = useState<string | undefined>(undefined);
  const [level, setLevel] = useState<Level>('grassroots');
  const chosen = programId ?? programs.data?.items[0]?.id;
  const queue = useResource(async () => (chosen ? (await aidOfficeApi.queue({ programId: chosen, status: LEVEL_STATUS[level] })).items : []), [chosen, level]);
  const [creating, setCreating] = useState(false);
  usePullDownRefresh(async () => {
    await Promise.all([programs.reload(), queue.reload()]);
    Taro.stopPullDownRefresh();
  });

  if (!ready || programs.loading) return <PageShell className="page-office-aid"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-aid"><EmptyView title="只有工会干部和管理员可以审核帮扶申请" /></PageShell>;
  if (!programs.data) return <PageShell className="page-office-aid"><ErrorView error={programs.error ?? { code: undefined, message: '加载失败' }} onRetry={programs.reload} /></PageShell>;
  const program = programs.data.items.find((p) => p.id === chosen);

  return (
    <PageShell className="page-office-aid">
      {admin ? (
        <View className="office-actions">
          <Button className="aid-new" fill="outline" onClick={() => setCreating(!creating)}>
            {creating ? '收起' : '发布帮扶项目'}
          </Button>
        </View>
      ) : null}
      {admin && creating ? <NewProgram onCreated={() => { setCreating(false); void programs.reload(); }} /> : null}

      <View className="chip-row aid-programs">
        {programs.data.items.map((p) => (
          <View key={p.id} className={`chip aid-program-chip${p.id === chosen ? ' chip--on' : ''}`} data-id={p.id} onClick={() => setProgramId(p.id)}>
            {p.title}
          </View>
        ))}
      </View>
      {program ? <View className="muted aid-program-kind">{AID_KIND_LABELS[program.kind]} · 每级审核{program.reviewDays}天内办结</View> : <EmptyView title="暂无帮扶项目" />}
      {admin && program ? <ProgramAdmin program={program} onChanged={() => void queue.reload()} /> : null}

      <View className="chip-row aid-levels-tabs">
        <View className={`chip aid-level-tab${level === 'grassroots' ? ' chip--on' : ''}`} data-level="grassroots" onClick={() => setLevel('grassroots')}>
          基层初审
        </View>
        {admin ? (
          <View className={`chip aid-level-tab${level === 'city' ? ' chip--on' : ''}`} data-level="city" onClick={() => setLevel('city')}>
            市总复审
          </View>
        ) : null}
      </View>
      {queue.loading ? <LoadingView /> : null}
      {queue.data && queue.data.length === 0 ? <EmptyView title="没有待审核的申请" /> : null}
      {(queue.data ?? []).map((a) => (
        <ReviewCard key={`${a.id}-${a.status}`} a={a} onDone={() => void queue.reload()} />
      ))}
    </PageShell>
  );
}
