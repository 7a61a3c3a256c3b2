import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import PageShell from '../../components/PageShell';
import QrCode from '../../components/QrCode';
import { EmptyView, LoadingView, NoticeBar } from '../../components/StateViews';
import { toUiError, type UiError } from '../../hooks/resource';
import { api } from '../../services/api';
import { IS_WEAPP } from '../../services/platform';
import { findTicket, rememberRegistration, type CachedTicket } from '../../services/ticket-cache';
import { REGISTRATION_STATUS_LABELS } from '../../../../shared/domain/activities.js';
import { formatDateTime, formatShortDateTime } from '../../../../shared/domain/time.js';
import './index.scss';

/** While a ticket waits to be scanned, ask this often whether the door has scanned it. */
const TICKET_POLL_MS = 3000;

/**
 * The ticket shows from the phone's copy first — at the door there may be no signal — and is
 * refreshed from the server when it can be (checked in, cancelled, promoted from the waitlist):
 * on load, each time the page shows again, and every few seconds while it is open and not yet
 * scanned, so the member sees 已签到 moments after the cadre's phone says so.
 */
export default function TicketPage() {
  const { rid = '', aid = '' } = useRouter().params;
  const [ticket, setTicket] = useState<CachedTicket | undefined>(() => findTicket(rid));
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<UiError | null>(null);

  const live = useRef(true);
  const inFlight = useRef(false);
  const [visible, setVisible] = useState(true);

  const refresh = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      const a = await api.activity(aid || findTicket(rid)?.activityId || '');
      if (a.myRegistration && a.myRegistration.id === rid) rememberRegistration(a.myRegistration, a);
      if (live.current) {
        setTicket(findTicket(rid));
        setError(null);
      }
    } catch (err) {
      if (live.current) setError(toUiError(err));
    } finally {
      inFlight.current = false;
      if (live.current) setRefreshing(false);
    }
  }, [rid, aid]);

  useEffect(() => {
    live.current = true;
    void refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);

  const waitingForDoor = !!ticket?.ticket && ticket.status === 'confirmed' && !ticket.activityCancelled;
  useEffect(() => {
    if (!visible || !waitingForDoor) return;
    const t = setInterval(() => void refresh(), TICKET_POLL_MS);
    return () => clearInterval(t);
  }, [visible, waitingForDoor, refresh]);

  // A phone that dims mid-queue makes the scanner fail; keep the screen on while the ticket shows.
  useDidShow(() => {
    setVisible(true);
    void refresh();
    if (IS_WEAPP) void Taro.setKeepScreenOn({ keepScreenOn: true });
  });
  useDidHide(() => {
    setVisible(false);
    if (IS_WEAPP) void Taro.setKeepScreenOn({ keepScreenOn: false });
  });

  if (!ticket && refreshing) return <PageShell className="page-ticket"><LoadingView /></PageShell>;
  if (!ticket || !ticket.ticket)
    return (
      <PageShell className="page-ticket">
        <EmptyView
          title={ticket?.status === 'waitlisted' ? '候补中，暂无电子票' : '暂无可用的电子票'}
          description={error ? error.message : '报名成功后，电子票会显示在这里'}
        />
      </PageShell>
    );

  const used = ticket.status === 'checked_in';
  return (
    <PageShell className="page-ticket">
      {error?.code === 'NETWORK' ? <NoticeBar tone="info" text="当前离线：显示的是手机上保存的电子票，可正常出示签到" /> : null}
      <View className="ticket">
        <View className="ticket__title">{ticket.title}</View>
        <View className="ticket__meta">
          <Text className="nowrap">{formatShortDateTime(ticket.startsAt)}</Text> · {ticket.locationName}
        </View>
        <View className={`ticket__qr-wrap${used ? ' ticket__qr-wrap--used' : ''}`}>
          <QrCode className="ticket-qr" text={ticket.ticket} size={260} />
          {used ? <View className="ticket__stamp">已签到</View> : null}
        </View>
        <View className={`ticket__status ticket__status--${ticket.status}`}>{REGISTRATION_STATUS_LABELS[ticket.status]}</View>
        {used && ticket.checkedInAt ? <View className="muted">签到时间：<Text className="nowrap">{formatDateTime(ticket.checkedInAt)}</Text></View> : null}
        {ticket.activityCancelled ? <View className="ticket__warn">该活动已取消</View> : null}
        <View className="muted ticket__tip">请在入口处出示此码，由工会工作人员扫码签到</View>
        <Text className="ticket-text" selectable>
          {ticket.ticket}
        </Text>
      </View>
    </PageShell>
  );
}
