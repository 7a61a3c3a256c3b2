// What an offline scanner remembers for one activity, kept in storage between app launches.
import { z } from '../../../../../shared/zod.js';
import { ZErrorCode } from '../../../../../shared/schemas.js';
import { readJson, STORAGE_KEYS, writeJson, type KeyValueStore } from '../../../services/storage';
import { ZOfflinePack, type OfflinePack } from './schemas';

export const ZQueuedScan = z.object({
  ticket: z.string(),
  nonce: z.string(),
  scannedAt: z.string(),
  deviceId: z.string(),
  registrationId: z.string(),
  memberName: z.string(),
});

export const ZConflict = z.object({
  nonce: z.string(),
  registrationId: z.string(),
  memberName: z.string(),
  scannedAt: z.string(),
  /** rejected: the server refused a scan this phone let in. already: someone scanned it first. */
  kind: z.enum(['rejected', 'already_checked_in']),
  code: ZErrorCode.optional(),
  message: z.string(),
  checkedInAt: z.string().nullable().optional(),
  checkedInBy: z.string().nullable().optional(),
});

export const ZOfflineState = z.object({
  /** registrationId → when this phone let the member in (offline). */
  accepted: z.record(z.string(), z.object({ at: z.string(), nonce: z.string() })),
  /** Scans let in offline and not yet confirmed by the server, oldest first. */
  queue: z.array(ZQueuedScan),
  conflicts: z.array(ZConflict),
  lastSyncAt: z.string().nullable(),
});

export type QueuedScan = z.infer<typeof ZQueuedScan>;
export type Conflict = z.infer<typeof ZConflict>;
export type OfflineState = z.infer<typeof ZOfflineState>;

export function emptyState(): OfflineState {
  return { accepted: {}, queue: [], conflicts: [], lastSyncAt: null };
}

export function loadPack(store: KeyValueStore, activityId: string): OfflinePack | null {
  const pack = readJson(store, STORAGE_KEYS.offlinePack(activityId), ZOfflinePack.nullable(), null);
  return pack && pack.activityId === activityId ? pack : null;
}

export function savePack(store: KeyValueStore, pack: OfflinePack): void {
  writeJson(store, STORAGE_KEYS.offlinePack(pack.activityId), pack);
}

export function loadState(store: KeyValueStore, activityId: string): OfflineState {
  return readJson(store, STORAGE_KEYS.offlineQueue(activityId), ZOfflineState, emptyState());
}

export function saveState(store: KeyValueStore, activityId: string, state: OfflineState): void {
  writeJson(store, STORAGE_KEYS.offlineQueue(activityId), state);
}
