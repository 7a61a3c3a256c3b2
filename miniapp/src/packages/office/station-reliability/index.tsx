import { Text, View } from '@tarojs/components';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import { useResource } from '../../../hooks/resource';
import { STATION_STATUS_LABELS } from '../../../services/contract';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import { officeApi } from '../office-api';
import { useOfficeAccess } from '../use-office';
import '../office.scss';

export default function StationReliabilityPage() {
  const { allowed, ready } = useOfficeAccess('station_reliability');
  const list = useResource(() => (allowed ? officeApi.stationReliability() : Promise.resolve({ items: [], nextCursor: null })), [allowed]);
  if (!ready) return <PageShell className="page-office-station-reliability"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-station-reliability"><EmptyView title="您没有查看驿站运行情况的权限" /></PageShell>;
  // the stations needing attention first: overdue, then open reports, then the least visited
  const items = [...(list.data?.items ?? [])].sort((a, b) => b.overdueOpen - a.overdueOpen || b.reportsOpen - a.reportsOpen || a.visits30d - b.visits30d);
  return (
    <PageShell className="page-office-station-reliability">
      {list.loading && !list.data ? <LoadingView /> : null}
      {list.error ? <ErrorView error={list.error} onRetry={list.reload} /> : null}
      {list.data && items.length === 0 ? <EmptyView title="暂无驿站" description="导入驿站后在这里查看" /> : null}
      {items.map((s) => (
        <View key={s.stationId} className="card station-reliability" data-id={s.stationId}>
          <View className="row row--between">
            <Text className="station-reliability__name">{s.name}</Text>
            <Text className="muted">{STATION_STATUS_LABELS[s.status]}</Text>
          </View>
          <View className="muted">{s.orgName}</View>
          <View className="figures">
            <View className="figure"><Text className="figure__n">{s.visits30d}</Text><Text className="figure__k">近30天到访</Text></View>
            <View className={`figure${s.reportsOpen ? ' figure--bad' : ''}`}><Text className="figure__n">{s.reportsOpen}</Text><Text className="figure__k">待处理</Text></View>
            <View className={`figure${s.overdueOpen ? ' figure--bad' : ''}`}><Text className="figure__n">{s.overdueOpen}</Text><Text className="figure__k">已超期</Text></View>
            <View className="figure"><Text className="figure__n">{s.avgResolveHours === null ? '—' : s.avgResolveHours}</Text><Text className="figure__k">平均处理小时</Text></View>
          </View>
          <View className="muted">累计到访 {s.visitsTotal} 次，问题反映 {s.reportsTotal} 次；最近确认开放：{s.lastConfirmedAt ? formatDateTime(s.lastConfirmedAt) : '暂无'}</View>
        </View>
      ))}
    </PageShell>
  );
}
