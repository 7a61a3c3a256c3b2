import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { useResource } from '../../../hooks/resource';
import { filterRoster, rosterFileName, type RosterFilter } from '../../../hooks/use-roster';
import { api, authHeader } from '../../../services/api';
import { IS_WEAPP } from '../../../services/platform';
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

type ReadyFile = { path: string; name: string };

/**
 * WeChat cannot open a CSV (openDocument takes Office files and PDF): the file goes to a chat,
 * from where the cadre opens it on a computer. WeChat allows shareFileMessage only inside the
 * tap itself (not after an `await`), so the file is downloaded when the roster loads and the
 * tap shares it at once.
 */
async function prepareCsvInWeapp(url: string, name: string): Promise<ReadyFile> {
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header: authHeader() });
  if (statusCode !== 200) throw new Error(String(statusCode));
  return { path: tempFilePath, name };
}

/** Where sharing is refused (an older base library, the cadre closed the chat picker): the text to the clipboard. */
async function copyCsv(file: ReadyFile) {
  const text = Taro.getFileSystemManager().readFileSync(file.path, 'utf8') as string;
  await Taro.setClipboardData({ data: text });
  toast('名单已复制，可粘贴到电脑表格中');
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

  // weapp: the CSV of what is on screen, ready before the cadre taps 导出.
  const [csv, setCsv] = useState<ReadyFile | null>(null);
  const [csvFailed, setCsvFailed] = useState(false);
  useEffect(() => {
    if (!IS_WEAPP || !roster.data) return;
    let live = true;
    setCsv(null);
    setCsvFailed(false);
    prepareCsvInWeapp(cadreApi.rosterCsvUrl(id), rosterFileName(roster.data.activity.title, new Date())).then(
      (f) => live && setCsv(f),
      () => live && setCsvFailed(true),
    );
    return () => {
      live = false;
    };
  }, [roster.data, id]);

  const exportCsv = async () => {
    if (!roster.data) return;
    if (IS_WEAPP) {
      if (!csv) {
        if (csvFailed) await alert('导出失败', '请检查网络后下拉刷新重试');
        else toast('正在准备名单文件，请稍候');
        return;
      }
      // Called before any await: still inside the tap, as WeChat requires. Callbacks, not a
      // promise: Taro hands shareFileMessage straight to wx, which returns nothing.
      Taro.shareFileMessage({
        filePath: csv.path,
        fileName: csv.name,
        fail: () => void copyCsv(csv).catch(() => alert('导出失败', '请稍后重试')),
      });
      return;
    }
    setExporting(true);
    try {
      await downloadInBrowser(cadreApi.rosterCsvUrl(id), rosterFileName(roster.data.activity.title, new Date()));
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
          <Button className="export-csv" size="small" fill="outline" loading={exporting || (IS_WEAPP && !csv && !csvFailed)} onClick={() => void exportCsv()}>
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
