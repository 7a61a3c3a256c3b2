import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, type UiError } from '../../../hooks/resource';
import type { TImportKind, TSpreadsheetImportResult } from '../../../services/contract';
import { IS_H5 } from '../../../services/platform';
import { alert } from '../../../utils/feedback';
import OrgPicker from '../components/OrgPicker';
import { IMPORT_KINDS } from '../sections';
import { downloadTemplate, PickError, pickSpreadsheet, uploadSpreadsheet, type PickedFile } from '../upload';
import { useOfficeAccess, usePickableOrgs } from '../use-office';
import { rejectionPlace } from '../import-result';
import '../office.scss';

type Phase = { step: 'idle' } | { step: 'uploading' } | { step: 'done'; result: TSpreadsheetImportResult } | { step: 'failed'; error: UiError };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Result({ result }: { result: TSpreadsheetImportResult }) {
  return (
    <View className="card import-result">
      <View className="figures">
        <View className="figure figure--ok">
          <Text className="figure__n import-created">{result.created}</Text>
          <Text className="figure__k">新增</Text>
        </View>
        <View className="figure">
          <Text className="figure__n import-updated">{result.updated}</Text>
          <Text className="figure__k">更新</Text>
        </View>
        {result.unchanged !== undefined ? (
          <View className="figure">
            <Text className="figure__n import-unchanged">{result.unchanged}</Text>
            <Text className="figure__k">未变</Text>
          </View>
        ) : null}
        <View className={`figure${result.rejected.length ? ' figure--bad' : ''}`}>
          <Text className="figure__n import-rejected-count">{result.rejected.length}</Text>
          <Text className="figure__k">未导入</Text>
        </View>
      </View>
      {result.rejected.length ? (
        <View className="import-rejected">
          <View className="section-title">以下行未导入，请在表格中改正后重新导入（其余行已导入）</View>
          {result.rejected.map((r) => (
            <View key={`${r.index}-${r.column ?? ''}`} className="rejected-row" data-row={r.row ?? r.index + 2}>
              <Text className="rejected-row__where">{rejectionPlace(r)}</Text>
              <View className="rejected-row__why">{r.message}</View>
            </View>
          ))}
        </View>
      ) : (
        <View className="muted import-all-good">全部行已导入。</View>
      )}
    </View>
  );
}

export default function ImportPage() {
  const kind = (useRouter().params.kind ?? 'members') as TImportKind;
  const meta = IMPORT_KINDS[kind] ?? IMPORT_KINDS.members;
  const { roles, allowed, ready } = useOfficeAccess(meta.section);
  const orgs = usePickableOrgs(roles, meta.needsOrg && allowed);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [file, setFile] = useState<PickedFile | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const [templateBusy, setTemplateBusy] = useState(false);

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: meta.title });
  }, [meta.title]);
  useEffect(() => {
    // A cadre of one union imports into it without choosing.
    if (!orgId && orgs.data?.length === 1) setOrgId(orgs.data[0].id);
  }, [orgs.data, orgId]);

  if (!ready) return <PageShell className="page-office-import"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-import"><EmptyView title="您没有导入此类表格的权限" /></PageShell>;

  const pick = async () => {
    try {
      const f = await pickSpreadsheet();
      if (f) {
        setFile(f);
        setPhase({ step: 'idle' });
      }
    } catch (err) {
      await alert('无法使用该文件', err instanceof PickError ? err.message : '读取文件失败，请重新选择');
    }
  };

  const start = async () => {
    if (!file || phase.step === 'uploading') return;
    if (meta.needsOrg && !orgId) {
      await alert('请选择工会', '会员将导入到所选工会的名册中。');
      return;
    }
    setPhase({ step: 'uploading' });
    try {
      const result = await uploadSpreadsheet(kind, file, meta.needsOrg ? orgId : undefined);
      setPhase({ step: 'done', result });
    } catch (err) {
      setPhase({ step: 'failed', error: toUiError(err) });
    }
  };

  const template = async () => {
    setTemplateBusy(true);
    try {
      await downloadTemplate(kind, meta.title.replace(/^导入/, ''));
    } catch {
      await alert('下载失败', '请检查网络后重试');
    } finally {
      setTemplateBusy(false);
    }
  };

  return (
    <PageShell className="page-office-import">
      <View className="card">
        <View className="office-import__title">{meta.title}</View>
        <View className="muted">表格第一行为表头，需包含：{meta.columns}。</View>
        <View className="muted">{IS_H5 ? '选择电脑上的 .xlsx 或 .csv 文件（不超过 4 MB）。' : '从微信聊天中选择收到的 .xlsx 或 .csv 文件（不超过 4 MB）。'}</View>
        <View className="office-actions">
          <Button className="download-template" size="small" fill="outline" loading={templateBusy} onClick={() => void template()}>
            下载模板
          </Button>
        </View>
      </View>

      {meta.needsOrg ? (
        <View className="card">
          <View className="office-field__label">导入到</View>
          {orgs.loading ? <LoadingView /> : <OrgPicker className="import-org" orgs={orgs.data ?? []} value={orgId} onChange={setOrgId} />}
        </View>
      ) : null}

      <View className="card">
        {file ? (
          <View className="picked-file">
            <Text className="picked-file__name">{file.name}</Text>
            <Text className="muted">{sizeText(file.size)}</Text>
          </View>
        ) : (
          <View className="muted">尚未选择文件</View>
        )}
        <View className="office-actions">
          <Button className="pick-file" fill="outline" disabled={phase.step === 'uploading'} onClick={() => void pick()}>
            {file ? '重新选择' : '选择文件'}
          </Button>
          <Button className="start-import" type="primary" disabled={!file || phase.step === 'uploading'} onClick={() => void start()}>
            开始导入
          </Button>
        </View>
      </View>

      {phase.step === 'uploading' ? (
        <View className="card import-progress">
          <View className="spinner" />
          <Text>正在上传并导入，请勿离开此页…</Text>
        </View>
      ) : null}
      {phase.step === 'failed' ? <ErrorView error={phase.error} /> : null}
      {phase.step === 'done' ? <Result result={phase.result} /> : null}
    </PageShell>
  );
}
