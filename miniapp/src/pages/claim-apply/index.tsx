// 申请互助金 (issue #17): the plan the member holds, the incident date, the amount in yuan (sent as
// fen, exactly), a few words, and photos of the documents the plan asks for.
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import PageShell from '../../components/PageShell';
import { ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import DocumentPicker, { type UploadedDoc } from '../../components/DocumentPicker';
import { useResource } from '../../hooks/resource';
import { api, errorMessage } from '../../services/api';
import { askForNotices, CLAIM_NOTICES } from '../../services/subscriptions';
import { toast } from '../../utils/feedback';
import { checkApplication } from './form';
import { CLAIM_DOCUMENT_KEYS, CLAIM_REQUIRED_DOCUMENTS } from '../../../../shared/domain/claim-documents.js';
import { PLAN_NAMES, type Plan } from '../../../../shared/domain/claims.js';
import './index.scss';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export default function ClaimApplyPage() {
  const coverage = useResource(() => api.coverage(), []);
  const [plan, setPlan] = useState<Plan | ''>('');
  const [incidentDate, setIncidentDate] = useState('');
  const [amountYuan, setAmountYuan] = useState('');
  const [description, setDescription] = useState('');
  const [docs, setDocs] = useState<UploadedDoc[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const plans = useMemo(() => [...new Set((coverage.data?.items ?? []).map((c) => c.plan))], [coverage.data]);

  if (coverage.loading) return <PageShell className="page-claim-apply"><LoadingView /></PageShell>;
  if (!coverage.data) return <PageShell className="page-claim-apply"><ErrorView error={coverage.error ?? { code: undefined, message: '加载失败' }} onRetry={coverage.reload} /></PageShell>;
  if (plans.length === 0)
    return (
      <PageShell className="page-claim-apply">
        <View className="card muted">您目前没有参加互助保障项目，暂不能申请互助金。参保由所在工会统一办理。</View>
      </PageShell>
    );

  const required = plan ? CLAIM_REQUIRED_DOCUMENTS[plan] : [];
  const optional = CLAIM_DOCUMENT_KEYS.filter((k) => !required.includes(k) && (k === 'expense_list' || k === 'other' || docs.some((d) => d.key === k)));

  const submit = async () => {
    if (busy) return;
    const checked = checkApplication({ plan, incidentDate, amountYuan, description, documents: docs }, today());
    if (!checked.ok) {
      setErrors(checked.errors);
      toast('请检查标红的内容');
      return;
    }
    setErrors({});
    // Synchronously inside the tap, before the first await: WeChat opens the dialog nowhere else.
    void askForNotices(CLAIM_NOTICES);
    setBusy(true);
    try {
      const claim = await api.applyClaim(checked.request);
      toast('申请已提交', 'success');
      void Taro.redirectTo({ url: `/pages/claim/index?id=${claim.id}` });
    } catch (err) {
      toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const Err = ({ k }: { k: string }) => (errors[k] ? <Text className="form-error">{errors[k]}</Text> : null);
  return (
    <PageShell className="page-claim-apply">
      <View className="card">
        <View className="form-field">
          <Text className="form-field__label">保障项目</Text>
          <View className="plan-choices">
            {plans.map((p) => (
              <Text key={p} className={`chip plan-choice${plan === p ? ' chip--on plan-choice--on' : ''}`} data-plan={p} onClick={() => setPlan(p)}>
                {PLAN_NAMES[p]}
              </Text>
            ))}
          </View>
          <Err k="plan" />
        </View>
        <View className="form-field">
          <Text className="form-field__label">出险日期</Text>
          <Picker mode="date" value={incidentDate || today()} end={today()} onChange={(e) => setIncidentDate(String(e.detail.value))}>
            <View className="form-field__picker field-incident">{incidentDate || <Text className="form-field__placeholder">选择日期</Text>}</View>
          </Picker>
          <Err k="incidentDate" />
        </View>
        <View className="form-field">
          <Text className="form-field__label">申请金额（元）</Text>
          <Input className="form-field__input field-amount" type="digit" value={amountYuan} placeholder="如 3860.50" maxlength={15} onInput={(e) => setAmountYuan(e.detail.value)} />
          <Err k="amount" />
        </View>
        <View className="form-field">
          <Text className="form-field__label">情况说明（选填）</Text>
          <Textarea className="form-field__textarea field-description" value={description} placeholder="简要说明出险经过、就医情况" maxlength={500} onInput={(e) => setDescription(e.detail.value)} />
          <Err k="description" />
        </View>
      </View>

      <View className="section-title">申请材料</View>
      <View className="card">
        {plan ? null : <View className="muted">请先选择保障项目，再按要求上传材料。</View>}
        {[...required, ...(plan ? optional : [])].map((k) => (
          <DocumentPicker
            key={k}
            docKey={k}
            required={required.includes(k)}
            docs={docs}
            onAdd={(d) => setDocs((all) => [...all, d])}
            onRemove={(id) => setDocs((all) => all.filter((d) => d.uploadId !== id))}
          />
        ))}
        <Err k="documents" />
        <View className="muted doc-tip">照片会在手机上压缩到1MB以内再上传；网络不好时会自动重试。</View>
      </View>

      <View className="form-actions">
        <Button className="claim-apply-submit" type="primary" block loading={busy} onClick={() => void submit()}>
          提交申请
        </Button>
      </View>
    </PageShell>
  );
}
