import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { useResource } from '../../../hooks/resource';
import { filterRoster, rosterFileName, type RosterFilter } from '../../../hooks/use-roster';
import { api, authHeader } from '../../../services/api';
import { IS_H5 } from '../../../services/platform';
import { alert, go, toast } from '../../../utils/feedback';
import { cadreApi } from '../cadre-api';
import { REGISTRATION_STATUS_LABELS } from '../../../../../shared/domain/activities.js';
import { formatDateTime, formatShortDateTime } from '../../../../../shared/domain/time.js';
import './index.scss';

const FILTERS: { key: RosterFilter; label: string }[] = [
  { key: 'all', label: '全部' },
  { key: 'checked_in', label: '已签到' },
  { key: 'not_yet', label: '未签到' },
  { key: 'waitlisted', label: '候补' },
  { key: 'cancelled', label: '已取消' },
];

/** Browser: fetch with the bearer token (a plain link cannot carry it) and save the file. */
async function downloadInBrowser(url: string, fileName: string) {
  const res = await fetch(url, { headers: authHeader() });
  if (!res.ok) throw new Error(String(res.status));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * WeChat cannot open a CSV (openDocument takes Office files and PDF): send it to a chat, from
 * where the cadre opens it on a computer; failing that, copy its text to the clipboard.
 */
async function exportInWeapp(url: string, fileName: string) {
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header: authHeader() });
  if (statusCode !== 200) throw new Error(String(statusCode));
  try {
    await Taro.shareFileMessage({ filePath: tempFilePath, fileName });
  } catch {
    const text = Taro.getFileSystemManager().readFileSync(tempFilePath, 'utf8') as string;
    await Taro.setClipboardData({ data: text });
    toast('名单已复制，可粘贴到电脑表格中');
  }
}

export default function RosterPage() {
  const id = useRouter().params.id ?? '';
  const roster = useResource(async () => {
    const [activity, r] = await Promise.all([api.activity(id), cadreApi.roster(id)]);
    return { activity, roster: r };
  }, [id]);
  const [filter, setFilter] = useState<RosterFilter>('all');
  const [exporting, setExporting] = useState(false);

  usePullDownRefresh(async () => {
    await roster.reload();
    Taro.stopPullDownRefresh();
  });

  const exportCsv = async () => {
    if (!roster.data) return;
    setExporting(true);
    const url = cadreApi.rosterCsvUrl(id);
    const name = rosterFileName(roster.data.activity.title, new Date());
    try {
      if (IS_H5) await downloadInBrowser(url, name);
      else await exportInWeapp(url, name);
    } catch {
      await alert('导出失败', '请检查网络后重试');
    } finally {
      setExporting(false);
    }
  };

  if (roster.loading) return <PageShell className="page-roster"><LoadingView /></PageShell>;
  if (!roster.data)
    return (
      <PageShell className="page-roster">
        <ErrorView error={roster.error ?? { code: undefined, message: '加载失败' }} onRetry={roster.reload} />
      </PageShell>
    );

  const { activity, roster: r } = roster.data;
  const rows = filterRoster(r.items, filter);

  return (
    <PageShell className="page-roster">
      {roster.error ? <NoticeBar tone="warn" text={`刷新失败：${roster.error.message}`} /> : null}
      <View className="card roster-head">
        <View className="roster-head__title">{activity.title}</View>
        <View className="muted"><Text className="nowrap">{formatShortDateTime(activity.startsAt)}</Text> · {activity.location.name}</View>
        <View className="roster-counts">
          <View className="roster-count">
            <Text className="roster-count__n registered-count">{r.counts.registered}</Text>
            <Text className="roster-count__k">已报名</Text>
          </View>
          <View className="roster-count roster-count--ok">
            <Text className="roster-count__n checked-in-count">{r.counts.checkedIn}</Text>
            <Text className="roster-count__k">已签到</Text>
          </View>
          <View className="roster-count roster-count--warn">
            <Text className="roster-count__n not-yet-count">{r.counts.notYet}</Text>
            <Text className="roster-count__k">未签到</Text>
          </View>
        </View>
        <View className="roster-actions">
          <Button className="export-csv" size="small" fill="outline" loading={exporting} onClick={() => void exportCsv()}>
            导出名单（CSV）
          </Button>
          {activity.status !== 'cancelled' ? (
            <Button className="open-scan" size="small" type="primary" onClick={() => go(`/packages/cadre/scan/index?id=${id}`)}>
              扫码签到
            </Button>
          ) : null}
        </View>
      </View>

      <View className="roster-filters">
        {FILTERS.map((f) => (
          <View key={f.key} className={`chip${filter === f.key ? ' chip--on' : ''}`} onClick={() => setFilter(f.key)}>
            {f.label}
          </View>
        ))}
      </View>

      {rows.length === 0 ? (
        <EmptyView title="没有符合条件的报名" />
      ) : (
        <View className="card roster-list">
          {rows.map((e) => (
            <View key={e.registrationId} className={`roster-row roster-row--${e.status}`} data-id={e.registrationId}>
              <View className="roster-row__main">
                <Text className="roster-row__name">{e.memberName}</Text>
                <Text className="muted">
                  {e.memberNoMasked} · {e.orgName}
                </Text>
              </View>
              <View className="roster-row__side">
                <Text className={`pill${e.status === 'checked_in' ? ' pill--success' : e.status === 'waitlisted' ? ' pill--warning' : ''}`}>
                  {REGISTRATION_STATUS_LABELS[e.status]}
                </Text>
                {e.checkedInAt ? <Text className="muted roster-row__at nowrap">{formatDateTime(e.checkedInAt)}</Text> : null}
              </View>
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
