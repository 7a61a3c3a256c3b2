import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useMemo } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import { useResource } from '../../../hooks/resource';
import { api } from '../../../services/api';
import Chart from '../chart/Chart';
import { officeApi } from '../office-api';
import { checkinSpec, signupSpec } from '../stats-model';
import { useOfficeAccess } from '../use-office';
import { formatShortDateTime } from '../../../../../shared/domain/time.js';
import '../office.scss';

export default function ActivityStatsPage() {
  const id = useRouter().params.id ?? '';
  const { allowed, ready } = useOfficeAccess('stats');
  const data = useResource(async () => {
    const [activity, stats] = await Promise.all([api.activity(id), officeApi.activityStats(id)]);
    return { activity, stats };
  }, [id]);
  const signups = useMemo(() => (data.data ? signupSpec(data.data.stats) : null), [data.data]);
  const checkins = useMemo(() => (data.data ? checkinSpec(data.data.stats) : null), [data.data]);

  if (!ready || data.loading) return <PageShell className="page-office-activity-stats"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-activity-stats"><EmptyView title="您没有查看活动统计的权限" /></PageShell>;
  if (!data.data) return <PageShell className="page-office-activity-stats"><ErrorView error={data.error ?? { code: undefined, message: '加载失败' }} onRetry={data.reload} /></PageShell>;
  const { activity: a } = data.data;
  return (
    <PageShell className="page-office-activity-stats">
      <View className="card">
        <View className="list-row__title">{a.title}</View>
        <View className="muted">{formatShortDateTime(a.startsAt)} · {a.location.name}</View>
        <View className="muted">报名 {a.confirmedCount} / {a.capacity} · 签到 {a.checkedInCount}</View>
      </View>
      <View className="section-title">报名曲线（累计，每小时）</View>
      <View className="card">
        {signups?.labels.length ? <Chart className="chart-signups" spec={signups} label="累计报名人数" /> : <View className="muted">还没有人报名</View>}
      </View>
      <View className="section-title">签到高峰（每10分钟）</View>
      <View className="card">
        {checkins?.labels.length ? <Chart className="chart-checkins" spec={checkins} label="每10分钟签到人数" /> : <View className="muted">还没有人签到</View>}
      </View>
    </PageShell>
  );
}
