import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, useResource } from '../../../hooks/resource';
import { errorMessage } from '../../../services/api';
import { STATION_REPORT_KIND_LABELS, STATION_STATUS_LABELS, type TAdminStationReport } from '../../../services/contract';
import { alert, toast } from '../../../utils/feedback';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import { openDocument } from '../claim-documents';
import { officeApi } from '../office-api';
import { useOfficeAccess } from '../use-office';
import '../office.scss';

function ReportCard({ r, onResolved }: { r: TAdminStationReport; onResolved: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [opening, setOpening] = useState(false);
  const openPhoto = async (uploadId: string) => {
    setOpening(true);
    try {
      // the same opener as a claim's documents: GET /api/uploads/:id with the session, audited
      await openDocument(uploadId, 'image/jpeg');
    } catch {
      toast('照片打开失败，请重试');
    } finally {
      setOpening(false);
    }
  };
  const resolve = async () => {
    if (note.trim().length < 2) {
      await alert('请填写处理说明', '说明怎样处理的，例如“已联系站点恢复开放”。');
      return;
    }
    setBusy(true);
    try {
      await officeApi.resolveStationReport(r.id, note.trim());
      toast('已处理', 'success');
      onResolved();
    } catch (err) {
      await alert('处理失败', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="card station-report" data-id={r.id} data-station={r.stationId}>
      <View className="row row--between">
        <Text className="station-report__station">{r.stationName}</Text>
        <Text className={`station-report__kind station-report__kind--${r.kind}`}>{STATION_REPORT_KIND_LABELS[r.kind]}</Text>
      </View>
      <View className="muted">{r.stationAddress}（{r.orgName}）</View>
      <View className="station-report__status">驿站状态：{STATION_STATUS_LABELS[r.stationStatus]}</View>
      {r.note ? <View className="station-report__note">会员说明：{r.note}</View> : null}
      {r.uploadId ? (
        <Button className="station-report__photo" size="small" fill="outline" loading={opening} onClick={() => void openPhoto(r.uploadId!)}>
          查看照片
        </Button>
      ) : null}
      <View className="muted">反映时间：{formatDateTime(r.createdAt)}</View>
      {r.status === 'open' ? (
        <>
          <View className={`station-report__deadline${r.overdue ? ' station-report__deadline--overdue' : ''}`}>
            {r.overdue ? '已超期' : '处理期限'}：{formatDateTime(r.deadlineAt)}
          </View>
          <Textarea className="station-report__input" value={note} maxlength={200} placeholder="处理说明（必填），如：已联系站点恢复开放" onInput={(e) => setNote(e.detail.value)} />
          <Button className="station-report__resolve" type="primary" size="small" loading={busy} onClick={() => void resolve()}>
            标记已处理
          </Button>
        </>
      ) : (
        <View className="station-report__resolution">
          已处理（{r.resolvedAt ? formatDateTime(r.resolvedAt) : ''}）：{r.resolutionNote}
        </View>
      )}
    </View>
  );
}

export default function StationReportsPage() {
  const { allowed, ready } = useOfficeAccess('station_reports');
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const list = useResource(() => (allowed ? officeApi.stationReports({ status }) : Promise.resolve({ items: [], nextCursor: null })), [status, allowed]);
  if (!ready) return <PageShell className="page-office-station-reports"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-station-reports"><EmptyView title="您没有处理驿站问题的权限" /></PageShell>;
  return (
    <PageShell className="page-office-station-reports">
      <View className="office-tabs">
        <Text className={`office-tab station-reports-open${status === 'open' ? ' office-tab--on' : ''}`} onClick={() => setStatus('open')}>待处理</Text>
        <Text className={`office-tab station-reports-resolved${status === 'resolved' ? ' office-tab--on' : ''}`} onClick={() => setStatus('resolved')}>已处理</Text>
      </View>
      <View className="muted station-reports-rule">问题反映应在 2 个工作日内处理（周末和法定节假日不计）。</View>
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error ?? toUiError(null)} onRetry={list.reload} /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyView title={status === 'open' ? '没有待处理的问题' : '还没有处理过的问题'} /> : null}
      {list.data?.items.map((r) => <ReportCard key={r.id} r={r} onResolved={list.reload} />)}
    </PageShell>
  );
}
