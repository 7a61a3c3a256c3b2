// 补签: a member without a phone (or with a dead one) is found by name or the last digits of the
// member number and checked in by hand; the server audits it as manual.
import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import Button from '../../../components/ui/button';
import { toUiError } from '../../../hooks/resource';
import { verdictFromError, verdictFromResponse, type Verdict } from '../../../hooks/use-scan';
import type { TRegistrationSearchItem } from '../../../services/contract';
import { deviceId, randomId } from '../../../services/storage';
import { confirm } from '../../../utils/feedback';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import { cadreApi } from '../cadre-api';

const STATUS_TEXT: Record<TRegistrationSearchItem['status'], string> = {
  confirmed: '未签到',
  checked_in: '已签到',
  waitlisted: '候补中',
  cancelled: '已取消',
  applied: '待抽签',
  not_selected: '未中签',
};

export default function ManualCheckIn({ activityId, onVerdict }: { activityId: string; onVerdict: (v: Verdict, checkedIn: boolean) => void }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<TRegistrationSearchItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);

  const search = async () => {
    const text = q.trim();
    if (!text || busyRef.current) return;
    busyRef.current = true;
    setBusy('search');
    setError(null);
    try {
      setItems((await cadreApi.searchRegistrations(activityId, text)).items);
    } catch (err) {
      setError(toUiError(err).message);
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  const checkIn = async (item: TRegistrationSearchItem) => {
    if (busyRef.current) return;
    if (!(await confirm('补签', `确认 ${item.memberName}（${item.memberNoMasked}）已到场？补签会记录为人工签到。`, '补签'))) return;
    busyRef.current = true;
    setBusy(item.registrationId);
    try {
      const res = await cadreApi.manualCheckIn(activityId, { registrationId: item.registrationId, deviceId: deviceId(), nonce: randomId(20) });
      const v = verdictFromResponse(res);
      onVerdict(res.result === 'checked_in' ? { ...v, title: '补签成功', detail: '人工补签，已记录' } : v, res.result === 'checked_in');
      setItems((list) =>
        (list ?? []).map((i) => (i.registrationId === item.registrationId ? { ...i, status: 'checked_in', checkedInAt: res.registration.checkedInAt, checkedInBy: res.registration.checkedInBy } : i)),
      );
    } catch (err) {
      const e = toUiError(err);
      onVerdict(verdictFromError(e), false);
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  };

  if (!open)
    return (
      <View className="card manual-entry">
        <View className="row row--between">
          <View>
            <Text>补签</Text>
            <View className="muted">会员未带手机或无法出示签到码时，按姓名查找后人工签到</View>
          </View>
          <Button className="manual-open" size="small" fill="outline" onClick={() => setOpen(true)}>
            补签
          </Button>
        </View>
      </View>
    );

  return (
    <View className="card manual-checkin">
      <View className="row row--between">
        <Text className="manual-checkin__title">补签</Text>
        <Text className="link" onClick={() => setOpen(false)}>
          收起
        </Text>
      </View>
      <View className="manual-checkin__search">
        <Input
          className="manual-search-input"
          value={q}
          placeholder="姓名，或会员编号后几位"
          confirmType="search"
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button className="manual-search" size="small" type="primary" loading={busy === 'search'} disabled={!q.trim()} onClick={() => void search()}>
          查找
        </Button>
      </View>
      {error ? <View className="manual-checkin__error">{error}</View> : null}
      {items && !items.length ? <View className="muted manual-checkin__empty">本场活动没有符合的报名</View> : null}
      {(items ?? []).map((i) => (
        <View key={i.registrationId} className={`manual-result manual-result--${i.status}`}>
          <View className="manual-result__who">
            <Text className="manual-result__name">{i.memberName}</Text>
            <Text className="muted">
              {' '}
              {i.memberNoMasked} · {i.orgName}
            </Text>
            <View className="muted manual-result__status">
              {STATUS_TEXT[i.status]}
              {i.status === 'checked_in' && i.checkedInAt ? `（${formatDateTime(i.checkedInAt)}${i.checkedInBy ? `，${i.checkedInBy}` : ''}）` : ''}
            </View>
          </View>
          {i.status === 'confirmed' ? (
            <Button className="manual-confirm" size="small" type="primary" loading={busy === i.registrationId} disabled={!!busy} onClick={() => void checkIn(i)}>
              补签
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}
