import { Input, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter, useUnload } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import PageShell from '../../../components/PageShell';
import { NoticeBar } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import Switch from '../../../components/ui/switch';
import { useResource } from '../../../hooks/resource';
import { useScan, type Verdict } from '../../../hooks/use-scan';
import { api } from '../../../services/api';
import { IS_WEAPP } from '../../../services/platform';
import { confirm, go, toast } from '../../../utils/feedback';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import { createCameraLoop } from './camera-loop';
import ManualCheckIn from './manual-check-in';
import './index.scss';

function VerdictPanel({ v }: { v: (Verdict & { seq: number }) | null }) {
  if (!v)
    return (
      <View className="verdict verdict--idle">
        <Text className="verdict__title">等待扫码</Text>
        <Text className="verdict__detail">请会员打开“我的报名 → 电子票”出示签到码</Text>
      </View>
    );
  return (
    <View key={v.seq} className={`verdict verdict--${v.tone}`} data-tone={v.tone}>
      <Text className="verdict__title">{v.title}</Text>
      {v.memberName ? (
        <Text className="verdict__name">
          {v.memberName}
          {v.memberNo ? `  ${v.memberNo}` : ''}
        </Text>
      ) : null}
      {v.detail ? <Text className="verdict__detail">{v.detail}</Text> : null}
      {v.unlisted ? <Text className="verdict__unlisted">名单外</Text> : null}
      {v.offline ? <Text className="verdict__offline">离线核验</Text> : null}
    </View>
  );
}

export default function ScanPage() {
  const id = useRouter().params.id ?? '';
  const activity = useResource(() => api.activity(id), [id]);
  const scan = useScan(id);
  const [code, setCode] = useState('');
  const [continuous, setContinuous] = useState(true);
  const timer = useRef<{ id: ReturnType<typeof setTimeout>; resolve: () => void } | null>(null);
  const continuousRef = useRef(continuous);
  continuousRef.current = continuous;

  const feel = (v: Verdict) => {
    if (!IS_WEAPP) return;
    if (v.tone === 'ok') void Taro.vibrateShort({ type: 'medium' });
    else void Taro.vibrateLong();
  };

  const submitRef = useRef(scan.submit);
  submitRef.current = scan.submit;
  const loopRef = useRef<ReturnType<typeof createCameraLoop> | null>(null);
  if (!loopRef.current)
    loopRef.current = createCameraLoop({
      scanCode: async () => (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result,
      submit: (code) => submitRef.current(code),
      feel,
      continuous: () => continuousRef.current,
      wait: (ms) =>
        new Promise<void>((resolve) => {
          timer.current = { id: setTimeout(resolve, ms), resolve };
        }),
    });
  const loop = loopRef.current;

  const stopLoop = () => {
    loop.stop();
    // End a pending wait at once, so the loop finishes instead of hanging on a cleared timer.
    if (timer.current) {
      clearTimeout(timer.current.id);
      timer.current.resolve();
      timer.current = null;
    }
  };
  // wx.scanCode's camera is a page of its own: this page "hides" while it is open. Only leaving
  // for another page ends the scanning loop.
  useDidHide(() => {
    if (!loop.inCamera()) stopLoop();
  });
  // Back on the page (from the camera, the roster, another app): upload what waits.
  useDidShow(() => scan.syncIfPending());
  useUnload(stopLoop);
  useEffect(() => stopLoop, []);

  const scanWithCamera = () => void loop.start();

  const submitTyped = async () => {
    const v = await scan.submit(code);
    // A calm verdict decided nothing (no signal, no pack): the code stays for the next try.
    if (v && v.tone !== 'calm') setCode('');
  };

  const switchMode = async (offline: boolean) => {
    if (!offline) return scan.setMode('online');
    if (!scan.pack) {
      const ok = await confirm('离线核验', '需要先下载本场活动的离线名单（含会员姓名），用于无网络时在本机核验签到码。', '下载');
      if (!ok || !(await scan.downloadPack())) return;
    }
    scan.setMode('offline');
  };

  const doSync = async () => {
    const out = await scan.sync();
    if (out && out.synced) toast(`已同步 ${out.synced} 条`, 'success');
    if (out && out.conflicts.length) toast(`有 ${out.conflicts.length} 条冲突，请查看`);
  };

  const a = activity.data;
  const pending = scan.offline.queue.length;

  return (
    <PageShell className="page-scan">
      <View className="scan-head">
        <Text className="scan-head__title">{a ? a.title : '签到'}</Text>
        <View className="scan-counts live-counts">
          <Text className="scan-counts__n checked-in-count">{scan.counts ? scan.counts.checkedIn : '—'}</Text>
          <Text className="scan-counts__sep">/</Text>
          <Text className="scan-counts__total registered-count">{scan.counts ? scan.counts.registered : '—'}</Text>
          <Text className="scan-counts__label">已签到 / 应到</Text>
          {scan.counts?.unlisted ? <Text className="scan-counts__unlisted unlisted-count">另有名单外 {scan.counts.unlisted} 人</Text> : null}
        </View>
      </View>

      {activity.error ? <NoticeBar tone="warn" text={activity.error.message} /> : null}
      {scan.networkNotice ? <View className="network-notice"><NoticeBar tone="info" text={scan.networkNotice} /></View> : null}
      {scan.notice ? <NoticeBar tone="warn" text={scan.notice.message} /> : null}

      <VerdictPanel v={scan.verdict} />

      <View className="scan-input">
        {IS_WEAPP ? (
          <Button className="scan-button" type="primary" size="xlarge" block loading={scan.busy} onClick={scanWithCamera}>
            扫码签到
          </Button>
        ) : (
          <View className="typed-code">
            <Input
              className="ticket-input"
              value={code}
              focus
              placeholder="扫码枪扫入，或粘贴签到码"
              confirmType="done"
              onInput={(e) => setCode(e.detail.value)}
              onConfirm={() => void submitTyped()}
            />
            <Button className="checkin-submit" type="primary" loading={scan.busy} disabled={!code.trim()} onClick={() => void submitTyped()}>
              核验签到
            </Button>
          </View>
        )}
      </View>

      <View className="card scan-settings">
        {IS_WEAPP ? (
          <View className="row row--between scan-setting">
            <Text>连续扫码</Text>
            <Switch checked={continuous} onChange={setContinuous} />
          </View>
        ) : null}
        <View className="row row--between scan-setting">
          <View>
            <Text>离线核验</Text>
            <View className="muted">无网络时在本机核验，联网后同步</View>
          </View>
          <Switch className="offline-switch" checked={scan.mode === 'offline'} loading={scan.packBusy} onChange={(v) => void switchMode(v)} />
        </View>
        {scan.pack ? (
          <View className="offline-pack muted">
            离线名单：{scan.pack.registrations.length} 人，下载于 <Text className="nowrap">{formatDateTime(scan.pack.generatedAt)}</Text>
            <Text className="link" onClick={() => void scan.downloadPack()}>
              {' '}更新
            </Text>
          </View>
        ) : null}
        {pending || scan.offline.lastSyncAt ? (
          <View className="row row--between offline-queue" data-pending={pending}>
            <View>
              <Text className="offline-queue__count">待同步 {pending} 条签到</Text>
              <View className="muted">
                {pending ? '联网后自动同步' : '已全部同步'}
                {scan.offline.lastSyncAt ? `，上次同步 ${formatDateTime(scan.offline.lastSyncAt)}` : ''}
              </View>
            </View>
            {pending ? (
              <Button size="small" type="primary" fill="outline" loading={scan.syncing} onClick={() => void doSync()}>
                立即同步
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>

      {scan.offline.conflicts.length ? (
        <View className="card conflicts">
          <View className="row row--between">
            <Text className="conflicts__title">同步冲突（{scan.offline.conflicts.length}）</Text>
            <Text className="link" onClick={scan.clearConflicts}>
              知道了
            </Text>
          </View>
          {scan.offline.conflicts.map((c) => (
            <View key={c.nonce} className={`conflict conflict--${c.kind}`}>
              <Text className="conflict__name">{c.memberName}</Text>
              <Text className="conflict__msg">
                {c.kind === 'already_checked_in'
                  ? `已在其他设备签到${c.checkedInAt ? `（${formatDateTime(c.checkedInAt)}${c.checkedInBy ? `，${c.checkedInBy}` : ''}）` : ''}`
                  : c.message}
              </Text>
              <Text className="muted">本机扫码：<Text className="nowrap">{formatDateTime(c.scannedAt)}</Text></Text>
            </View>
          ))}
        </View>
      ) : null}

      <ManualCheckIn
        activityId={id}
        onVerdict={(v, checkedIn) => {
          scan.showVerdict(v);
          if (checkedIn) scan.countCheckedIn();
        }}
      />

      <View className="scan-links">
        <Button fill="none" onClick={() => go(`/packages/cadre/roster/index?id=${id}`)}>
          查看签到名单
        </Button>
      </View>
    </PageShell>
  );
}
