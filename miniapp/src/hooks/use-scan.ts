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
import type { TCheckInResponse } from '../services/contract';
import { deviceId, randomId, taroStore, type KeyValueStore } from '../services/storage';
import { ERROR_MESSAGES } from '../../../shared/errors.js';
import { formatDateTime } from '../../../shared/domain/time.js';
import { toUiError, type UiError } from './resource';

export type Verdict = {
  tone: 'ok' | 'warn' | 'bad';
  title: string;
  memberName?: string;
  memberNo?: string;
  detail?: string;
  /** Decided on the phone (offline pack), not by the server. */
  offline: boolean;
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
      return { tone: 'ok', title: '签到成功', memberName: j.memberName, memberNo: j.memberNoMasked, detail: '离线核验通过，联网后自动同步', offline: true };
    case 'already_checked_in':
      return { tone: 'warn', title: '已签到', memberName: j.memberName, memberNo: j.memberNoMasked, detail: firstScanText(j.firstAt, j.firstBy), offline: true };
    case 'rejected':
      return { tone: 'bad', title: REJECT_TITLES[j.code], memberName: j.memberName, detail: REJECT_DETAILS[j.code], offline: true };
  }
}

export type ScanMode = 'online' | 'offline';
const COUNT_POLL_MS = 20_000;
export type Counts = { registered: number; checkedIn: number };

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
  const seq = useRef(0);
  const busyRef = useRef(false);
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

  const judgeLocally = useCallback(
    (ticket: string, p: OfflinePack): Verdict => {
      const key = packPublicKey(p);
      if (!key) return { tone: 'bad', title: '离线名单无效', detail: '请重新下载离线名单', offline: true };
      const j = judgeTicket(ticket, p, key, offlineRef.current);
      persist(recordScan(offlineRef.current, ticket, j, { nonce: randomId(20), scannedAt: new Date().toISOString(), deviceId: deviceId(store) }));
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
          try {
            const res = await cadreApi.checkIn(activityId, { ticket, deviceId: deviceId(store), nonce: randomId(20) });
            v = verdictFromResponse(res);
            if (res.result === 'checked_in') setServerCounts((c) => (c ? { ...c, checkedIn: c.checkedIn + 1 } : c));
          } catch (err) {
            const e = toUiError(err);
            // No signal at the door: decide with the pack if there is one rather than stop the queue.
            if (e.code === 'NETWORK' && pack) {
              v = judgeLocally(ticket, pack);
              v = { ...v, detail: `网络不可用，已按离线名单核验。${v.detail ?? ''}` };
            } else v = verdictFromError(e);
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

  const sync = useCallback(async (): Promise<{ synced: number; conflicts: Conflict[] } | null> => {
    if (!offlineRef.current.queue.length) return { synced: 0, conflicts: [] };
    setSyncing(true);
    setNotice(null);
    try {
      const out = await syncQueue(offlineRef.current, (scans) => cadreApi.checkInBatch(activityId, scans));
      persist(out.state);
      if (out.error) setNotice(toUiError(out.error));
      if (out.synced) void refreshCounts();
      return { synced: out.synced, conflicts: out.conflicts };
    } finally {
      setSyncing(false);
    }
  }, [activityId, persist, refreshCounts]);

  const clearConflicts = useCallback(() => persist({ ...offlineRef.current, conflicts: [] }), [persist]);

  useEffect(() => {
    void refreshCounts();
  }, [refreshCounts]);

  // Other doors scan too: keep the checked-in count live (the light activity read, not the roster).
  useEffect(() => {
    if (mode !== 'online') return;
    const t = setInterval(async () => {
      try {
        const a = await api.activity(activityId);
        setServerCounts((c) => (c ? { ...c, checkedIn: Math.max(c.checkedIn, a.checkedInCount) } : c));
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

  return {
    mode,
    setMode,
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
