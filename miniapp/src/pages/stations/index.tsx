import { Map, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { useStations, ZHENGZHOU_DISTRICTS } from '../../hooks/use-stations';
import { errorCode, errorMessage } from '../../services/api';
import { IS_WEAPP } from '../../services/platform';
import { alert, go, loading, toast } from '../../utils/feedback';
import { STATION_REPORT_KINDS, STATION_SERVICE_LABELS, STATION_SERVICES, type TStation, type TStationService } from '../../services/contract';
import { formatDistance } from '../../../../shared/domain/geo.js';
import { formatShortDateTime, formatTime } from '../../../../shared/domain/time.js';
import { reportSteps, sendStationReport } from './report-flow';
import { stationsApi } from './stations-api';
import './index.scss';

/** Each service as an icon beside its word: the word carries the meaning, the icon helps a glance. */
export const SERVICE_ICONS: Record<TStationService, string> = {
  water: '💧',
  hot_meal: '🍚',
  charging: '🔋',
  toilet: '🚻',
  rest: '🪑',
  first_aid: '⛑️',
  air_conditioning: '❄️',
  microwave: '♨️',
};

/** "营业中 · 20:00 关门", "已关门 · 明早 09:00 开门"-style text for a station now. */
export function openText(s: TStation): string {
  if (s.openNow) return s.closesAt ? `营业中 · ${formatTime(s.closesAt)} 关门` : '营业中 · 全天开放';
  return s.opensAt ? `未营业 · ${formatShortDateTime(s.opensAt)} 开门` : '未营业';
}

function StationCard({ s, onChanged }: { s: TStation; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const navigate = () => {
    // GCJ-02 in, GCJ-02 out: the coordinates go back to WeChat exactly as the server stored them.
    void Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 17 }).catch(() => toast('无法打开地图'));
  };
  const visited = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await stationsApi.visit(s.id);
      toast('谢谢反馈', 'success');
      onChanged();
    } catch (err) {
      if (errorCode(err) === 'NOT_A_MEMBER') await alert('需要先绑定会员', '实名绑定工会会员后即可反馈驿站情况。');
      else toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const report = async () => {
    if (busy) return;
    let tapIndex: number;
    try {
      // written out so the WeChat check can read it: STATION_REPORT_KIND_LABELS in STATION_REPORT_KINDS order
      tapIndex = (await Taro.showActionSheet({ itemList: ['没开门', '没有水', '药品过期', '卫生差', '其他问题'] })).tapIndex;
    } catch {
      return; // closed without choosing
    }
    setBusy(true);
    try {
      const sent = await sendStationReport(s.id, STATION_REPORT_KINDS[tapIndex], {
        ...reportSteps,
        busy: loading,
      });
      if (!sent) return;
      toast(sent.withPhoto ? '已反映，含照片' : '已反映，谢谢', 'success');
      onChanged();
    } catch (err) {
      if (errorCode(err) === 'NOT_A_MEMBER') await alert('需要先绑定会员', '实名绑定工会会员后即可反映问题。');
      else toast(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className={`card station-card station-card--${s.status}`} data-id={s.id}>
      <View className="row row--between">
        <Text className="station-card__name">{s.name}</Text>
        {s.distanceM !== null ? <Text className="station-card__distance">{formatDistance(s.distanceM)}</Text> : null}
      </View>
      {s.status === 'reported_closed' ? <View className="station-status station-status--warn">有人反映未开放</View> : null}
      {s.status === 'suspended' ? <View className="station-status station-status--warn">暂停服务</View> : null}
      <View className={`station-open ${s.openNow ? 'station-open--yes' : 'station-open--no'}`}>{openText(s)}</View>
      <View className="station-card__address muted">{s.address}</View>
      <View className="station-services">
        {s.services.map((k) => (
          <Text key={k} className={`station-service station-service--${k}`}>
            {SERVICE_ICONS[k]} {STATION_SERVICE_LABELS[k]}
          </Text>
        ))}
      </View>
      <View className="station-card__hours muted">开放时间：{s.hoursText}</View>
      <View className="station-actions">
        <Button className="station-navigate" size="small" type="primary" onClick={navigate}>导航</Button>
        <Button className="station-visited" size="small" fill="outline" disabled={busy} onClick={() => void visited()}>我来过</Button>
        <Button className="station-report" size="small" fill="outline" disabled={busy} onClick={() => void report()}>反映问题</Button>
      </View>
    </View>
  );
}

export default function StationsPage() {
  const st = useStations();
  const [view, setView] = useState<'list' | 'map'>('list');

  usePullDownRefresh(() => {
    void st.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (st.location.step === 'asking') return <PageShell className="page-stations"><LoadingView text="正在获取您的位置…" /></PageShell>;

  if (st.location.step === 'refused') {
    return (
      <PageShell className="page-stations">
        <View className="card">
          <View className="stations-refused__title">未能获取您的位置</View>
          <View className="muted">请选择所在区域，我们按区域中心为您列出附近的驿站；也可以重新允许定位。</View>
        </View>
        <View className="district-list">
          {ZHENGZHOU_DISTRICTS.map((d) => (
            <Button key={d.name} className="district-choice" fill="outline" onClick={() => st.chooseDistrict(d)}>
              {d.name}
            </Button>
          ))}
        </View>
        <Button className="relocate" type="primary" onClick={() => void st.relocate()}>重新定位</Button>
      </PageShell>
    );
  }

  const place = st.place!;
  return (
    <PageShell className="page-stations">
      <View className="stations-where row row--between">
        <Text className="stations-where__label">📍 {place.label}附近 5 公里</Text>
        <Text className="link stations-change" onClick={() => void st.relocate()}>重新定位</Text>
      </View>
      <View className="station-filters">
        <Text className={`station-filter${st.service === undefined ? ' station-filter--on' : ''}`} onClick={() => st.setService(undefined)}>全部</Text>
        {STATION_SERVICES.map((k) => (
          <Text key={k} className={`station-filter station-filter--${k}${st.service === k ? ' station-filter--on' : ''}`} onClick={() => st.setService(st.service === k ? undefined : k)}>
            {SERVICE_ICONS[k]} {STATION_SERVICE_LABELS[k]}
          </Text>
        ))}
        <Text className={`station-filter station-filter--open-now${st.openNow ? ' station-filter--on' : ''}`} onClick={() => st.setOpenNow(!st.openNow)}>只看营业中</Text>
      </View>
      {IS_WEAPP ? (
        <View className="station-views">
          <Text className={`station-view${view === 'list' ? ' station-view--on' : ''}`} onClick={() => setView('list')}>列表</Text>
          <Text className={`station-view${view === 'map' ? ' station-view--on' : ''}`} onClick={() => setView('map')}>地图</Text>
        </View>
      ) : null}
      {IS_WEAPP && view === 'map' ? (
        <Map
          className="stations-map"
          latitude={place.lat}
          longitude={place.lng}
          scale={14}
          showLocation
          onError={() => setView('list')}
          markers={st.items.map((s, i) => ({ id: i, latitude: s.lat, longitude: s.lng, title: s.name, width: 28, height: 36, iconPath: '/assets/map/station.png', callout: { content: s.name, display: 'BYCLICK' as const, padding: 6, borderRadius: 6, borderWidth: 0, borderColor: '#FFFFFF', fontSize: 14, color: '#1F2329', bgColor: '#FFFFFF', anchorX: 0, anchorY: 0, textAlign: 'center' as const } }))}
          onMarkerTap={(e) => {
            const s = st.items[Number((e.detail as { markerId?: number }).markerId)];
            if (s) void Taro.openLocation({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address, scale: 17 });
          }}
        />
      ) : null}
      {st.error && st.items.length === 0 ? <ErrorView error={st.error} onRetry={() => void st.reload()} /> : null}
      {!st.error && !st.loading && st.items.length === 0 ? <EmptyView title="附近 5 公里内没有符合条件的驿站" description="换个服务筛选或区域试试" /> : null}
      {view === 'list' || !IS_WEAPP ? st.items.map((s) => <StationCard key={s.id} s={s} onChanged={() => void st.reload()} />) : null}
      {st.loading ? <LoadingView /> : null}
      {st.nextCursor && !st.loading ? (
        <Button className="stations-more" fill="outline" onClick={() => void st.more()}>加载更多</Button>
      ) : null}
      <View className="muted stations-note" onClick={() => go('/pages/bind/index')}>“我来过”和“反映问题”需实名绑定会员。</View>
    </PageShell>
  );
}
