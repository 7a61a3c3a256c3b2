// 帮扶助学 (issue #17): the programmes and my applications; one programme's self-check and form;
// one application's status with its timeline (a returned one: replace the document, resubmit);
// a programme's public notice. One page, four views chosen by the query (?programId=, ?id=, ?notice=),
// so that a notification (pages/aid/index?id=…) opens the status directly.
import { Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import KeyValue from '../../components/KeyValue';
import PageShell from '../../components/PageShell';
import Timeline from '../../components/Timeline';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { useResource } from '../../hooks/resource';
import { errorMessage } from '../../services/api';
import type { TAidApplication, TAidProgram } from '../../services/contract';
import { askForNotices, AID_NOTICES } from '../../services/subscriptions';
import { go, toast } from '../../utils/feedback';
import { AID_EVENT_LABELS, AID_KIND_LABELS, AID_REVIEW_LEVEL_LABELS, AID_STATUS_LABELS, type AidStatus } from '../../../../shared/domain/aid.js';
import { formatYuan } from '../../../../shared/domain/money.js';
import { formatDate, formatDateTime } from '../../../../shared/domain/time.js';
import { aidApi, pickDocument, PickError, uploadDocument, type Picked } from './aid-api';
import { progressLabel, STALLED_MESSAGE, UploadStalled, type ResumePoint } from '../../services/resumable-upload';
import './index.scss';

const tone = (s: AidStatus) => (s === 'paid' || s === 'approved' || s === 'publicized' ? 'ok' : s === 'returned' ? 'warn' : s === 'rejected' ? 'bad' : 'wait');

function StatusPill({ status }: { status: AidStatus }) {
  return <Text className={`aid-status aid-status--${tone(status)}`}>{AID_STATUS_LABELS[status]}</Text>;
}

type Doc = { uploadId: string; size: number };

/**
 * A button that takes or chooses a photo and uploads it in chunks (上传中 45%); reports the upload
 * id. When the network would not carry it, 网络不佳，点此继续上传 resumes it where it stopped.
 */
function DocumentSlot({ docKey, label, doc, wrong, onUploaded }: { docKey: string; label: string; doc?: Doc; wrong?: boolean; onUploaded: (d: Doc) => void }) {
  const [progress, setProgress] = useState<string | null>(null);
  const [stalled, setStalled] = useState<{ picked: Picked; resume: ResumePoint } | null>(null);
  const busy = progress !== null;
  const send = async (picked: Picked, resume?: ResumePoint) => {
    setStalled(null);
    setProgress(progressLabel(resume?.offset ?? 0, picked.size));
    try {
      const up = await uploadDocument(picked, { resume, onProgress: (sent, size) => setProgress(progressLabel(sent, size)) });
      onUploaded({ uploadId: up.id, size: up.size });
      toast('已上传', 'success');
    } catch (err) {
      if (err instanceof UploadStalled) setStalled({ picked, resume: err.resume });
      else toast(errorMessage(err));
    } finally {
      setProgress(null);
    }
  };
  const choose = async () => {
    if (busy) return;
    let picked: Picked | null;
    try {
      picked = await pickDocument();
    } catch (err) {
      return toast(err instanceof PickError ? err.message : errorMessage(err));
    }
    if (picked) await send(picked);
  };
  return (
    <View className={`aid-doc${wrong ? ' aid-doc--wrong' : ''}`} data-key={docKey}>
      <View className="aid-doc__main">
        <Text className="aid-doc__label">{label}</Text>
        {stalled && !busy ? (
          <Text className="link aid-doc__resume" onClick={() => void send(stalled.picked, stalled.resume)}>
            {STALLED_MESSAGE}
          </Text>
        ) : (
          <Text className={`aid-doc__state${doc && !wrong && !busy ? ' aid-doc__state--done' : ''}`}>
            {busy ? progress : wrong ? '需重新上传' : doc ? (doc.size ? `已上传（${Math.max(1, Math.round(doc.size / 1024))} KB）` : '已上传') : '未上传'}
          </Text>
        )}
      </View>
      <Button className={`aid-doc__pick aid-doc-pick-${docKey}`} size="small" fill={doc && !wrong ? 'outline' : 'solid'} type="primary" disabled={busy} onClick={choose}>
        {doc ? '重新拍照' : '拍照/选择'}
      </Button>
    </View>
  );
}

function Home() {
  const programs = useResource(() => aidApi.programs(), []);
  const mine = useResource(async () => (await aidApi.mine()).items, []);
  usePullDownRefresh(async () => {
    await Promise.all([programs.reload(), mine.reload()]);
    Taro.stopPullDownRefresh();
  });
  if (programs.loading) return <LoadingView />;
  if (!programs.data) return <ErrorView error={programs.error ?? { code: undefined, message: '加载失败' }} onRetry={programs.reload} />;
  const now = Date.now();
  return (
    <View>
      {mine.data && mine.data.length > 0 ? (
        <>
          <View className="section-title">我的申请</View>
          {mine.data.map((a) => (
            <View key={a.id} className="card aid-mine" data-id={a.id} onClick={() => go(`/pages/aid/index?id=${a.id}`)}>
              <View className="row row--between">
                <Text className="aid-mine__title">{a.programTitle}</Text>
                <StatusPill status={a.status} />
              </View>
              <Text className="muted">
                {a.level} · ¥{formatYuan(a.amountFen)}
              </Text>
            </View>
          ))}
        </>
      ) : null}
      <View className="section-title">帮扶项目</View>
      {programs.data.items.length === 0 ? <EmptyView title="暂无帮扶项目" description="工会发布金秋助学、困难帮扶等项目后会显示在这里" /> : null}
      {programs.data.items.map((p) => {
        const open = Date.parse(p.opensAt) <= now && now < Date.parse(p.closesAt);
        const noticeOn = p.publicityStartsAt !== null && p.publicityEndsAt !== null && now < Date.parse(p.publicityEndsAt);
        return (
          <View key={p.id} className="card aid-program" data-id={p.id}>
            <View className="row row--between">
              <Text className="aid-program__title">{p.title}</Text>
              <Text className="pill">{AID_KIND_LABELS[p.kind]}</Text>
            </View>
            <Text className="muted aid-program__window">
              受理时间 {formatDateTime(p.opensAt)} 至 {formatDateTime(p.closesAt)}
            </Text>
            <Text className="aid-program__eligibility">{p.eligibility}</Text>
            <View className="aid-program__amounts">
              {p.amountsFen.map((a) => (
                <Text key={a.level} className="aid-amount">
                  {a.level} ¥{formatYuan(a.amountFen)}
                </Text>
              ))}
            </View>
            <View className="row aid-program__actions">
              {open ? (
                <Button className="aid-apply" type="primary" size="small" onClick={() => go(`/pages/aid/index?programId=${p.id}`)}>
                  我要申请
                </Button>
              ) : (
                <Text className="muted">{now < Date.parse(p.opensAt) ? '尚未开始受理' : '已截止受理'}</Text>
              )}
              {noticeOn ? (
                <Button className="aid-notice-link" size="small" fill="outline" onClick={() => go(`/pages/aid/index?notice=${p.id}`)}>
                  查看公示
                </Button>
              ) : null}
            </View>
          </View>
        );
      })}
    </View>
  );
}

function Apply({ programId }: { programId: string }) {
  const data = useResource(async () => {
    const [check, programs] = await Promise.all([aidApi.eligibility(programId), aidApi.programs()]);
    const program = programs.items.find((p) => p.id === programId);
    return { check, program: program ?? null };
  }, [programId]);
  if (data.loading) return <LoadingView text="正在核对申请条件…" />;
  if (!data.data) return <ErrorView error={data.error ?? { code: undefined, message: '加载失败' }} onRetry={data.reload} />;
  const { check, program } = data.data;
  if (!program) return <EmptyView title="未找到该帮扶项目" />;
  return (
    <View>
      <View className="card">
        <Text className="aid-program__title">{program.title}</Text>
        <Text className="aid-program__eligibility">申请条件：{program.eligibility}</Text>
      </View>
      <View className={`card aid-check aid-check--${check.eligible ? 'ok' : 'no'}`}>
        <Text className="aid-check__title">{check.eligible ? '✓ 您符合申请条件' : '您暂时不能申请本项目'}</Text>
        {check.reasons.map((r) => (
          <Text key={r.code} className="aid-check__reason" data-code={r.code}>
            · {r.message}
          </Text>
        ))}
        {check.application ? (
          <Button className="aid-view-mine" size="small" fill="outline" onClick={() => go(`/pages/aid/index?id=${check.application?.id}`)}>
            查看我的申请
          </Button>
        ) : null}
      </View>
      {check.eligible && check.applicant ? <ApplyForm program={program} applicant={check.applicant} /> : null}
    </View>
  );
}

function ApplyForm({ program, applicant }: { program: TAidProgram; applicant: NonNullable<Awaited<ReturnType<typeof aidApi.eligibility>>['applicant']> }) {
  const [level, setLevel] = useState(program.amountsFen[0]?.level ?? '');
  const [childName, setChildName] = useState('');
  const [school, setSchool] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [docs, setDocs] = useState<Record<string, Doc>>({});
  const [busy, setBusy] = useState(false);
  const student = program.kind === 'student_aid';
  const missing = program.requiredDocuments.filter((d) => !docs[d.key]);

  const submit = async () => {
    if (busy) return;
    if (student && (!childName.trim() || !school.trim() || !/^\d{4}$/.test(year))) return toast('请填写子女姓名、学校和入学年份');
    if (missing.length) return toast(`请上传${missing[0].label}`);
    // Synchronously inside the tap, before the first await: WeChat opens the dialog nowhere else.
    void askForNotices(AID_NOTICES);
    setBusy(true);
    try {
      const a = await aidApi.apply(program.id, {
        level,
        child: student ? { name: childName.trim(), school: school.trim(), admissionYear: Number(year) } : undefined,
        documents: program.requiredDocuments.map((d) => ({ key: d.key, uploadId: docs[d.key].uploadId })),
      });
      toast('已提交', 'success');
      void Taro.redirectTo({ url: `/pages/aid/index?id=${a.id}` });
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="aid-form">
      <View className="section-title">申请人（来自会员名册）</View>
      <View className="card">
        <KeyValue label="姓名">{applicant.name}</KeyValue>
        <KeyValue label="所在工会">{applicant.orgName}</KeyValue>
        <KeyValue label="会员编号">{applicant.memberNoMasked}</KeyValue>
        {applicant.phoneMasked ? <KeyValue label="手机号">{applicant.phoneMasked}</KeyValue> : null}
      </View>
      <View className="section-title">申请档次</View>
      <View className="card aid-levels">
        {program.amountsFen.map((a) => (
          <View key={a.level} className={`aid-level${a.level === level ? ' aid-level--on' : ''}`} data-level={a.level} onClick={() => setLevel(a.level)}>
            <Text>{a.level}</Text>
            <Text className="aid-level__amount">¥{formatYuan(a.amountFen)}</Text>
          </View>
        ))}
      </View>
      {student ? (
        <>
          <View className="section-title">子女信息</View>
          <View className="card">
            <View className="field">
              <Text className="field__label">子女姓名</Text>
              <Input className="field__input aid-child-name" value={childName} maxlength={30} placeholder="请输入子女姓名" onInput={(e) => setChildName(e.detail.value)} />
            </View>
            <View className="field">
              <Text className="field__label">录取学校</Text>
              <Input className="field__input aid-school" value={school} maxlength={60} placeholder="请输入学校全称" onInput={(e) => setSchool(e.detail.value)} />
            </View>
            <View className="field">
              <Text className="field__label">入学年份</Text>
              <Input className="field__input aid-year" type="number" value={year} maxlength={4} onInput={(e) => setYear(e.detail.value)} />
            </View>
          </View>
        </>
      ) : null}
      <View className="section-title">证明材料（拍照或从相册选择）</View>
      <View className="card">
        {program.requiredDocuments.map((d) => (
          <DocumentSlot key={d.key} docKey={d.key} label={d.label} doc={docs[d.key]} onUploaded={(doc) => setDocs((all) => ({ ...all, [d.key]: doc }))} />
        ))}
      </View>
      <View className="aid-submit-bar">
        <Button className="aid-submit" type="primary" block loading={busy} onClick={submit}>
          提交申请
        </Button>
      </View>
    </View>
  );
}

function Status({ id }: { id: string }) {
  const app = useResource(() => aidApi.application(id), [id]);
  const [replaced, setReplaced] = useState<Record<string, Doc>>({});
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(async () => {
    await app.reload();
    Taro.stopPullDownRefresh();
  });
  if (app.loading) return <LoadingView />;
  if (!app.data) return <ErrorView error={app.error ?? { code: 'NOT_FOUND', message: '未找到该申请' }} onRetry={app.reload} />;
  const a: TAidApplication = app.data;
  const returned = a.status === 'returned';
  const wrongLabel = a.documents.find((d) => d.key === a.returnDocumentKey)?.label;

  const resubmit = async () => {
    if (busy) return;
    if (a.returnDocumentKey && !replaced[a.returnDocumentKey]) return toast(`请重新上传${wrongLabel ?? '材料'}`);
    void askForNotices(AID_NOTICES);
    setBusy(true);
    try {
      const next = await aidApi.resubmit(a.id, { documents: a.documents.map((d) => ({ key: d.key, uploadId: replaced[d.key]?.uploadId ?? d.uploadId })) });
      app.setData(next);
      setReplaced({});
      toast('已重新提交', 'success');
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View>
      <View className="card aid-head">
        <View className="row row--between">
          <Text className="aid-program__title">{a.programTitle}</Text>
          <StatusPill status={a.status} />
        </View>
        <KeyValue label="申请档次">{a.level}</KeyValue>
        <KeyValue label="帮扶金额">¥{formatYuan(a.amountFen)}</KeyValue>
        <KeyValue label="所在工会">{a.applicant.orgName}</KeyValue>
        {a.child ? <KeyValue label="子女">{`${a.child.name ?? ''} ${a.child.school ?? ''} ${a.child.admissionYear ?? ''}`.trim()}</KeyValue> : null}
        {a.childDeletedAt ? <KeyValue label="子女信息">已于{formatDate(a.childDeletedAt)}按规定删除</KeyValue> : null}
        {a.reviewLevel && a.reviewDueAt ? (
          <KeyValue label={AID_REVIEW_LEVEL_LABELS[a.reviewLevel]}>{`预计${formatDateTime(a.reviewDueAt)}前办结`}</KeyValue>
        ) : null}
        {a.status === 'paid' && a.paidAt ? <View className="aid-paid">已发放 · {formatDateTime(a.paidAt)}</View> : null}
      </View>

      {returned ? (
        <View className="notice notice--warn aid-returned">
          <Text className="aid-returned__title">申请被退回，请修改后重新提交</Text>
          <Text className="aid-returned__reason">退回原因：{a.returnReason}</Text>
          {wrongLabel ? <Text className="aid-returned__doc">需重新上传：{wrongLabel}</Text> : null}
        </View>
      ) : null}
      {a.status === 'rejected' && a.rejectReason ? <View className="notice notice--bad aid-rejected">未通过原因：{a.rejectReason}</View> : null}

      {returned ? (
        <>
          <View className="section-title">证明材料</View>
          <View className="card">
            {a.documents.map((d) => (
              <DocumentSlot
                key={d.key}
                docKey={d.key}
                label={d.label}
                doc={replaced[d.key] ?? { uploadId: d.uploadId, size: 0 }}
                wrong={d.key === a.returnDocumentKey && !replaced[d.key]}
                onUploaded={(doc) => setReplaced((all) => ({ ...all, [d.key]: doc }))}
              />
            ))}
          </View>
          <View className="aid-submit-bar">
            <Button className="aid-resubmit" type="primary" block loading={busy} onClick={resubmit}>
              重新提交
            </Button>
          </View>
        </>
      ) : null}

      <View className="section-title">办理进度</View>
      <Timeline className="aid-timeline" steps={a.timeline} labels={AID_EVENT_LABELS} />
    </View>
  );
}

function Notice({ programId }: { programId: string }) {
  const notice = useResource(() => aidApi.publicity(programId), [programId]);
  if (notice.loading) return <LoadingView />;
  if (!notice.data) return <ErrorView error={notice.error ?? { code: undefined, message: '加载失败' }} onRetry={notice.reload} />;
  const n = notice.data;
  return (
    <View>
      <View className="card aid-notice-head">
        <Text className="aid-program__title">{n.title} 公示</Text>
        {n.publicityStartsAt && n.publicityEndsAt ? (
          <Text className="muted">
            公示期 {formatDateTime(n.publicityStartsAt)} 至 {formatDateTime(n.publicityEndsAt)}
          </Text>
        ) : null}
        <Text className="muted">如有异议，请在公示期内向所在工会反映。</Text>
      </View>
      {n.items.length === 0 ? <EmptyView title="当前不在公示期" /> : null}
      {n.items.length > 0 ? (
        <View className="card aid-notice-list">
          {n.items.map((item, i) => (
            <View key={i} className="aid-notice-row row row--between">
              <Text className="aid-notice-row__name">{item.nameMasked}</Text>
              <Text className="aid-notice-row__org">{item.orgName}</Text>
              <Text className="aid-notice-row__amount nowrap">¥{formatYuan(item.amountFen)}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default function AidPage() {
  const { id, programId, notice } = useRouter().params;
  return (
    <PageShell className="page-aid">
      {notice ? <Notice programId={notice} /> : id ? <Status id={id} /> : programId ? <Apply programId={programId} /> : <Home />}
    </PageShell>
  );
}
