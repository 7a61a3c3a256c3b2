import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { useResource } from '../../../hooks/resource';
import type { TActivityWithMine } from '../../../services/contract';
import { go } from '../../../utils/feedback';
import Chart from '../chart/Chart';
import OrgPicker from '../components/OrgPicker';
import { officeApi } from '../office-api';
import { pickableOrgs } from '../sections';
import { categorySpec, monthLabel, monthSpec, rateText, shanghaiMonth, shiftMonth } from '../stats-model';
import { useOfficeAccess, usePickableOrgs } from '../use-office';
import { CATEGORY_LABELS } from '../../../../../shared/domain/activities.js';
import { formatShortDateTime } from '../../../../../shared/domain/time.js';
import '../office.scss';

/** The person's activities held in that month under that union: the ones whose curves can be opened. */
async function activitiesOf(month: string, orgIds: Set<string> | null): Promise<TActivityWithMine[]> {
  const out: TActivityWithMine[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 4; page++) {
    const res = await officeApi.managedActivities(cursor);
    out.push(...res.items.filter((a) => shanghaiMonth(a.startsAt) === month && (!orgIds || orgIds.has(a.orgId))));
    cursor = res.nextCursor;
    if (!cursor) break;
  }
  return out;
}

export default function StatsPage() {
  const { roles, allowed, ready } = useOfficeAccess('stats');
  const orgs = usePickableOrgs(roles, allowed);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [month, setMonth] = useState(() => shanghaiMonth(new Date()));

  useEffect(() => {
    // First the person's top union: the city's for an admin, a cadre's own. (The list is in tree
    // order for neither, so the top is the union whose parent is not in the list.)
    if (orgId || !orgs.data?.length) return;
    const ids = new Set(orgs.data.map((o) => o.id));
    setOrgId((orgs.data.find((o) => !o.parentId || !ids.has(o.parentId)) ?? orgs.data[0]).id);
  }, [orgs.data, orgId]);

  const waiting = !orgId;
  const stats = useResource(async () => (waiting ? null : officeApi.attendance(orgId, month)), [orgId, month, waiting]);
  const subtree = useMemo(() => (orgId && orgs.data ? new Set(pickableOrgs(orgs.data, [{ role: 'cadre', orgId }]).map((o) => o.id)) : null), [orgId, orgs.data]);
  const activities = useResource(async () => (waiting ? [] : activitiesOf(month, subtree)), [month, subtree, waiting]);
  const byCategory = useMemo(() => (stats.data ? categorySpec(stats.data) : null), [stats.data]);
  const byMonth = useMemo(() => (stats.data ? monthSpec(stats.data) : null), [stats.data]);

  if (!ready) return <PageShell className="page-office-stats"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-stats"><EmptyView title="您没有查看活动统计的权限" /></PageShell>;

  const t = stats.data?.totals;
  return (
    <PageShell className="page-office-stats">
      <View className="card">
        <View className="office-field">
          <Text className="office-field__label">工会</Text>
          <OrgPicker className="stats-org" orgs={orgs.data ?? []} value={orgId} onChange={(id) => id && setOrgId(id)} />
        </View>
        <View className="office-field month-stepper">
          <Button className="month-prev" size="small" fill="outline" onClick={() => setMonth(shiftMonth(month, -1))}>
            上月
          </Button>
          <Text className="month-stepper__label stats-month">{monthLabel(month)}</Text>
          <Button className="month-next" size="small" fill="outline" onClick={() => setMonth(shiftMonth(month, 1))}>
            下月
          </Button>
        </View>
      </View>

      {orgs.data && orgs.data.length === 0 ? (
        <EmptyView title="没有可统计的工会" />
      ) : stats.loading || waiting ? (
        <LoadingView />
      ) : !stats.data || !t ? (
        <ErrorView error={stats.error ?? { code: undefined, message: '加载失败' }} onRetry={stats.reload} />
      ) : (
        <View>
          <View className="card stats-totals">
            <View className="figures">
              <View className="figure stat-total" data-key="activities">
                <Text className="figure__n">{t.activities}</Text>
                <Text className="figure__k">活动场次</Text>
              </View>
              <View className="figure stat-total" data-key="registrations">
                <Text className="figure__n">{t.registrations}</Text>
                <Text className="figure__k">报名人数</Text>
              </View>
              <View className="figure figure--ok stat-total" data-key="checkins">
                <Text className="figure__n">{t.checkins}</Text>
                <Text className="figure__k">签到人数</Text>
              </View>
              <View className="figure figure--warn stat-total" data-key="noShowRate">
                <Text className="figure__n">{rateText(t.noShowRate)}</Text>
                <Text className="figure__k">缺席率</Text>
              </View>
            </View>
          </View>

          <View className="section-title">按活动类型（{monthLabel(month)}）</View>
          <View className="card">
            {byCategory && byCategory.labels.length ? (
              <Chart className="chart-by-category" spec={byCategory} label="按活动类型的报名和签到人数" />
            ) : (
              <View className="muted">本月没有活动</View>
            )}
            {stats.data.byCategory
              .filter((r) => r.activities > 0)
              .map((r) => (
                <View key={r.category} className="list-row category-row" data-category={r.category}>
                  <Text>{CATEGORY_LABELS[r.category]}</Text>
                  <Text className="muted">
                    {r.activities} 场 · 报名 {r.registrations} · 签到 {r.checkins} · 缺席 {rateText(r.noShowRate)}
                  </Text>
                </View>
              ))}
          </View>

          <View className="section-title">逐月走势</View>
          <View className="card">
            {byMonth && byMonth.labels.length ? <Chart className="chart-by-month" spec={byMonth} label="逐月报名和签到人数" /> : <View className="muted">暂无数据</View>}
          </View>
        </View>
      )}

      <View className="section-title">本月活动（点开看报名曲线和签到高峰）</View>
      {activities.loading ? (
        <LoadingView />
      ) : !activities.data?.length ? (
        <View className="card muted">本月没有您管理的活动</View>
      ) : (
        <View className="card">
          {activities.data.map((a) => (
            <View key={a.id} className="list-row stats-activity" data-id={a.id} onClick={() => go(`/packages/office/activity-stats/index?id=${a.id}`)}>
              <View className="list-row__main">
                <Text className="list-row__title">{a.title}</Text>
                <Text className="muted">{formatShortDateTime(a.startsAt)} · {a.orgName}</Text>
              </View>
              <View className="list-row__side">
                <Text className="muted">报名 {a.confirmedCount}</Text>
                <Text className="muted">签到 {a.checkedInCount}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
