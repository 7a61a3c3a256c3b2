// Uploading offline scans: POST /checkins/batch, in chunks, and keeping what the server disputes.
// Each scan carries its nonce, so re-sending a chunk whose answer was lost is harmless.
import type { BatchResult, BatchScan } from './schemas';
import type { Conflict, OfflineState, QueuedScan } from './state';

export const SYNC_CHUNK = 200;

/**
 * Merge one batch answer into the state: answered scans leave the queue; a scan the server
 * refused, or that someone else had already scanned, becomes a conflict for the cadre to see.
 * Scans without an answer stay queued for the next try.
 */
export function applyBatchResults(state: OfflineState, sent: QueuedScan[], results: BatchResult[], now: string): { state: OfflineState; conflicts: Conflict[] } {
  const byNonce = new Map(results.map((r) => [r.nonce, r]));
  const answered = new Set<string>();
  const conflicts: Conflict[] = [];
  for (const scan of sent) {
    const r = byNonce.get(scan.nonce);
    if (!r) continue;
    answered.add(scan.nonce);
    if (r.result === 'rejected') {
      conflicts.push({
        nonce: scan.nonce,
        registrationId: scan.registrationId,
        memberName: r.registration?.memberName ?? scan.memberName,
        scannedAt: scan.scannedAt,
        kind: 'rejected',
        code: r.code,
        message: r.message ?? '服务器拒绝了这次签到',
      });
    } else if (r.result === 'already_checked_in' && !isOwnEarlierUpload(scan, r)) {
      conflicts.push({
        nonce: scan.nonce,
        registrationId: scan.registrationId,
        memberName: r.registration?.memberName ?? scan.memberName,
        scannedAt: scan.scannedAt,
        kind: 'already_checked_in',
        message: '该会员已在其他设备签到过',
        checkedInAt: r.registration?.checkedInAt ?? null,
        checkedInBy: r.registration?.checkedInBy ?? null,
      });
    }
  }
  const rejectedIds = new Set(conflicts.filter((c) => c.kind === 'rejected').map((c) => c.registrationId));
  const accepted = { ...state.accepted };
  // A refused scan must not keep the member marked as "in" on this phone.
  for (const id of rejectedIds) delete accepted[id];
  return {
    state: {
      accepted,
      queue: state.queue.filter((q) => !answered.has(q.nonce)),
      conflicts: [...state.conflicts, ...conflicts],
      lastSyncAt: now,
    },
    conflicts,
  };
}

/**
 * A chunk whose answer was lost is sent again; if the server then reports "already checked in"
 * at the very time of this scan, that first check-in was this one, not someone else's.
 */
function isOwnEarlierUpload(scan: QueuedScan, r: BatchResult): boolean {
  const at = r.registration?.checkedInAt;
  return !!at && Math.abs(new Date(at).getTime() - new Date(scan.scannedAt).getTime()) < 1000;
}

export function toBatch(queue: QueuedScan[]): BatchScan[] {
  return queue.map(({ ticket, nonce, scannedAt, deviceId }) => ({ ticket, nonce, scannedAt, deviceId }));
}

/** Send the whole queue, chunk by chunk; stops at the first failure and keeps the rest queued. */
export async function syncQueue(
  state: OfflineState,
  send: (scans: BatchScan[]) => Promise<{ results: BatchResult[] }>,
  now: () => string = () => new Date().toISOString(),
): Promise<{ state: OfflineState; synced: number; conflicts: Conflict[]; error?: unknown }> {
  let current = state;
  let synced = 0;
  const conflicts: Conflict[] = [];
  while (current.queue.length) {
    const chunk = current.queue.slice(0, SYNC_CHUNK);
    try {
      const { results } = await send(toBatch(chunk));
      const before = current.queue.length;
      const out = applyBatchResults(current, chunk, results, now());
      current = out.state;
      conflicts.push(...out.conflicts);
      const progressed = before - current.queue.length;
      synced += progressed;
      if (progressed === 0) break;
    } catch (error) {
      return { state: current, synced, conflicts, error };
    }
  }
  return { state: current, synced, conflicts };
}
