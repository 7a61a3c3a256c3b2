// 扫码签到: one ticket in, one big verdict out — online through the API, or offline against a
// downloaded pack (packages/cadre/offline), queued and uploaded when the signal is back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { cadreApi } from '../packages/cadre/cadre-api';
import {
  judgeTicket,
  loadPack,
  loadState,
  offlineCounts,
  packPublicKey,
  prepareJudge,
  recordScan,
  savePack,
  saveState,
  syncQueue,
  type Conflict,
  type Judgement,
  type OfflinePack,
  type OfflineState,
  type RejectCode,
} from '../packages/cadre/offline';
import { api } from '../services/api';
import { onNetworkBack } from '../services/network';
import type { TCheckInResponse } from '../services/contract';
import { deviceId, randomId, taroStore, type KeyValueStore } from '../services/storage';
import { ERROR_MESSAGES } from '../../../shared/errors.js';
import { formatDateTime } from '../../../shared/domain/time.js';
import { toUiError, type UiError } from './resource';

export type Verdict = {
  /** calm: nothing was decided (no signal and no pack): the code stays for another try. */
  tone: 'ok' | 'warn' | 'bad' | 'calm';
  title: string;
  memberName?: string;
  memberNo?: string;
  detail?: string;
  /** Decided on the phone (offline pack), not by the server. */
  offline: boolean;
  /** A genuine ticket of a member outside the downloaded list: let in, marked for a second look. */
  unlisted?: boolean;
};

/** An online scan waits this long for the server before the pack decides (a weak signal can take a minute). */
export const ONLINE_SCAN_TIMEOUT_MS = 3000;
export const NETWORK_FALLBACK_NOTICE = '网络不佳，已改为本机核验';

/** Failures that say nothing about the ticket: the door's signal, or the service behind it. */
export function isNetworkTrouble(err: UiError): boolean {
  return err.code === 'NETWORK' || err.code === 'UNAVAILABLE' || err.code === 'BAD_RESPONSE' || err.code === 'INTERNAL';
}

/** No signal and no pack to decide with: nothing happened to the ticket, so no alarm and no lost code. */
export const NETWORK_WAIT_VERDICT: Verdict = {
  tone: 'calm',
  title: '网络不佳',
  detail: '签到码已保留，稍后再点“核验签到”；或开启离线核验，在本机核验',
  offline: false,
};

export const REJECT_TITLES: Record<RejectCode, string> = {
  TICKET_INVALID: '票据无效',
  WRONG_ACTIVITY: '非本场活动',
  NOT_CONFIRMED: '候补未确认',
  REGISTRATION_CANCELLED: '已取消',
};

const REJECT_DETAILS: Record<RejectCode, string> = {
  TICKET_INVALID: '签到码无法识别或已被篡改，请会员刷新电子票后重试',
  WRONG_ACTIVITY: '这是其他活动的签到码',
  NOT_CONFIRMED: '该会员仍在候补中，尚未获得名额',
  REGISTRATION_CANCELLED: '该报名已取消，不能签到',
};

function firstScanText(at: string | null | undefined, by: string | null | undefined): string {
  const when = at ? formatDateTime(at) : '时间未知';
  return by ? `首次签到：${when}，由 ${by} 扫码` : `首次签到：${when}`;
}

export function verdictFromResponse(res: TCheckInResponse): Verdict {
  const r = res.registration;
  if (res.result === 'checked_in') return { tone: 'ok', title: '签到成功', memberName: r.memberName, memberNo: r.memberNoMasked, offline: false };
  return { tone: 'warn', title: '已签到', memberName: r.memberName, memberNo: r.memberNoMasked, detail: firstScanText(r.checkedInAt, r.checkedInBy), offline: false };
}

export function verdictFromError(err: UiError): Verdict {
  const code = err.code;
  if (code === 'TICKET_INVALID' || code === 'WRONG_ACTIVITY' || code === 'NOT_CONFIRMED' || code === 'REGISTRATION_CANCELLED')
    // The contract's generic sentence repeats the title; say what to do instead, unless the
    // server sent something more specific.
    return { tone: 'bad', title: REJECT_TITLES[code], detail: err.message && err.message !== ERROR_MESSAGES[code] ? err.message : REJECT_DETAILS[code], offline: false };
  return { tone: 'bad', title: '无法签到', detail: err.message, offline: false };
}

export function verdictFromJudgement(j: Judgement): Verdict {
  switch (j.result) {
    case 'checked_in':
      if (j.unlisted)
        return {
          tone: 'warn',
          title: '名单外 · 请核对',
          memberName: j.memberName,
          memberNo: j.memberNoMasked,
          detail: '签到码有效，但此人不在已下载的名单中（名单下载后报名）。请核对姓名和会员编号；已记录，联网后自动同步',
          offline: true,
          unlisted: true,
        };
      return { tone: 'ok', title: '签到成功', memberName: j.memberName, memberNo: j.memberNoMasked, detail: '离线核验通过，联网后自动同步', offline: true };
    case 'already_checked_in':
      return { tone: 'warn', title: '已签到', memberName: j.memberName, memberNo: j.memberNoMasked, detail: firstScanText(j.firstAt, j.firstBy), offline: true };
    case 'rejected':
      return { tone: 'bad', title: REJECT_TITLES[j.code], memberName: j.memberName, detail: REJECT_DETAILS[j.code], offline: true };
  }
}

export type ScanMode = 'online' | 'offline';
const COUNT_POLL_MS = 20_000;
export type Counts = { registered: number; checkedIn: number; unlisted?: number };
/** While scans wait to be uploaded, try again this often even if no "network back" event comes. */
const SYNC_RETRY_MS = 15_000;

export function useScan(activityId: string, store: KeyValueStore = taroStore) {
  const [mode, setMode] = useState<ScanMode>('online');
  const [pack, setPack] = useState<OfflinePack | null>(() => loadPack(store, activityId));
  const [offline, setOffline] = useState<OfflineState>(() => loadState(store, activityId));
  const [verdict, setVerdict] = useState<(Verdict & { seq: number }) | null>(null);
  const [serverCounts, setServerCounts] = useState<Counts | null>(null);
  const [busy, setBusy] = useState(false);
  const [packBusy, setPackBusy] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [notice, setNotice] = useState<UiError | null>(null);
  const [networkNotice, setNetworkNotice] = useState<string | null>(null);
  const seq = useRef(0);
  const busyRef = useRef(false);
  const syncingRef = useRef(false);
  /** The scanner went offline by itself after a network failure; it comes back once a sync succeeds. */
  const autoOffline = useRef(false);
  const offlineRef = useRef(offline);
  offlineRef.current = offline;

  const show = (v: Verdict) => setVerdict({ ...v, seq: ++seq.current });

  const persist = useCallback(
    (next: OfflineState) => {
      offlineRef.current = next;
      setOffline(next);
      saveState(store, activityId, next);
    },
    [store, activityId],
  );

  const refreshCounts = useCallback(async () => {
    try {
      const roster = await cadreApi.roster(activityId);
      setServerCounts({ registered: roster.counts.registered, checkedIn: roster.counts.checkedIn });
    } catch {
      // Counts are a convenience; the scanner keeps working without them.
    }
  }, [activityId]);

  // The nonce of an online attempt that timed out is kept for the queued scan: if the server did
  // get the first request, the upload replays it and is answered as that scan, not as a conflict.
  const judgeLocally = useCallback(
    (ticket: string, p: OfflinePack, nonce = randomId(20)): Verdict => {
      const key = packPublicKey(p);
      if (!key) return { tone: 'bad', title: '离线名单无效', detail: '请重新下载离线名单', offline: true };
      const j = judgeTicket(ticket, p, key, offlineRef.current);
      persist(recordScan(offlineRef.current, ticket, j, { nonce, scannedAt: new Date().toISOString(), deviceId: deviceId(store) }));
      return verdictFromJudgement(j);
    },
    [persist, store],
  );

  /** One scanned or typed code. Returns the verdict shown. */
  const submit = useCallback(
    async (raw: string): Promise<Verdict | null> => {
      const ticket = raw.trim();
      if (!ticket || busyRef.current) return null;
      busyRef.current = true;
      setBusy(true);
      try {
        let v: Verdict;
        if (mode === 'offline' && pack) v = judgeLocally(ticket, pack);
        else {
          const nonce = randomId(20);
          try {
            const res = await cadreApi.checkIn(activityId, { ticket, deviceId: deviceId(store), nonce }, { timeoutMs: ONLINE_SCAN_TIMEOUT_MS });
            v = verdictFromResponse(res);
            setNetworkNotice(null);
            if (res.result === 'checked_in') setServerCounts((c) => (c ? { ...c, checkedIn: c.checkedIn + 1 } : c));
          } catch (err) {
            const e = toUiError(err);
            if (!isNetworkTrouble(e)) v = verdictFromError(e);
            else if (pack) {
              // No answer within the timeout: the pack decides, and the next members are judged on
              // the phone at once until the network is back (then the queue uploads by itself).
              v = judgeLocally(ticket, pack, nonce);
              autoOffline.current = true;
              setMode('offline');
              setNetworkNotice(NETWORK_FALLBACK_NOTICE);
            } else v = NETWORK_WAIT_VERDICT;
          }
        }
        show(v);
        return v;
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [mode, pack, activityId, judgeLocally, store],
  );

  const downloadPack = useCallback(async () => {
    setPackBusy(true);
    setNotice(null);
    try {
      const p = await cadreApi.offlinePack(activityId);
      savePack(store, p);
      setPack(p);
      return true;
    } catch (err) {
      setNotice(toUiError(err));
      return false;
    } finally {
      setPackBusy(false);
    }
  }, [activityId, store]);

  const backOnline = useCallback(() => {
    autoOffline.current = false;
    setNetworkNotice(null);
    setMode('online');
  }, []);

  /** Upload the queue. `quiet`: an automatic try, which shows no error (the next one comes soon). */
  const sync = useCallback(
    async (quiet = false): Promise<{ synced: number; conflicts: Conflict[] } | null> => {
      if (syncingRef.current) return null;
      if (!offlineRef.current.queue.length) {
        if (autoOffline.current && !quiet) backOnline();
        return { synced: 0, conflicts: [] };
      }
      syncingRef.current = true;
      setSyncing(true);
      if (!quiet) setNotice(null);
      try {
        const out = await syncQueue(offlineRef.current, (scans) => cadreApi.checkInBatch(activityId, scans));
        persist(out.state);
        if (out.error) {
          if (!quiet) setNotice(toUiError(out.error));
        } else if (autoOffline.current) backOnline();
        if (out.synced) void refreshCounts();
        return { synced: out.synced, conflicts: out.conflicts };
      } finally {
        syncingRef.current = false;
        setSyncing(false);
      }
    },
    [activityId, persist, refreshCounts, backOnline],
  );

  /** The network is back, the page shows again, or the retry timer fired: upload what waits. */
  // Without anything queued there is nothing to probe with: an automatic fallback simply ends, and
  // a scan that still finds no signal falls back again within ONLINE_SCAN_TIMEOUT_MS.
  const syncIfPending = useCallback(() => {
    if (offlineRef.current.queue.length) void sync(true);
    else if (autoOffline.current) backOnline();
  }, [sync, backOnline]);

  useEffect(() => onNetworkBack(syncIfPending), [syncIfPending]);
  const waiting = offline.queue.length > 0 || networkNotice !== null;
  useEffect(() => {
    if (!waiting) return;
    const t = setInterval(syncIfPending, SYNC_RETRY_MS);
    return () => clearInterval(t);
  }, [waiting, syncIfPending]);

  const clearConflicts = useCallback(() => persist({ ...offlineRef.current, conflicts: [] }), [persist]);

  useEffect(() => {
    void refreshCounts();
  }, [refreshCounts]);

  // The first offline verdict should not pay for the key's table: build it once the pack is there.
  useEffect(() => {
    if (!pack) return;
    const t = setTimeout(() => prepareJudge(pack), 0);
    return () => clearTimeout(t);
  }, [pack]);

  // Other doors scan too: keep the checked-in count live (the light activity read, not the roster).
  useEffect(() => {
    if (mode !== 'online') return;
    const t = setInterval(async () => {
      try {
        const a = await api.activity(activityId);
        // confirmedCount counts every seat, checked in or not: the door's 应到.
        setServerCounts((c) => (c ? { registered: a.confirmedCount, checkedIn: Math.max(c.checkedIn, a.checkedInCount) } : c));
      } catch {
        // offline for a moment: the next tick tries again
      }
    }, COUNT_POLL_MS);
    return () => clearInterval(t);
  }, [mode, activityId]);

  // Online with scans waiting from an earlier offline stretch: upload them now.
  useEffect(() => {
    if (mode === 'online' && offlineRef.current.queue.length) void sync();
  }, [mode, sync]);

  const counts: Counts | null = mode === 'offline' && pack ? offlineCounts(pack, offline) : serverCounts;

  /** A verdict decided elsewhere on the page (补签), shown in the same panel. */
  const showVerdict = useCallback((v: Verdict) => setVerdict({ ...v, seq: ++seq.current }), []);
  /** After a check-in made elsewhere on the page (补签): the server's counts, people who signed up since included. */
  const countCheckedIn = useCallback(() => void refreshCounts(), [refreshCounts]);

  const chooseMode = useCallback((m: ScanMode) => {
    autoOffline.current = false;
    if (m === 'online') setNetworkNotice(null);
    setMode(m);
  }, []);

  return {
    mode,
    setMode: chooseMode,
    networkNotice,
    syncIfPending,
    showVerdict,
    countCheckedIn,
    pack,
    offline,
    verdict,
    counts,
    busy,
    packBusy,
    syncing,
    notice,
    submit,
    downloadPack,
    sync,
    clearConflicts,
    refreshCounts,
    dismissVerdict: () => setVerdict(null),
  };
}
