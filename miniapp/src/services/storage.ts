// Everything the phone keeps between launches goes through here: Taro storage is synchronous,
// survives restarts and works offline (tickets at a door with no signal, queued scans).
// Stored values are parsed on the way out like any other input: a corrupt or old-format value
// becomes the fallback instead of a crash.
import Taro from '@tarojs/taro';
import type { z } from '../../../shared/zod.js';

export interface KeyValueStore {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export const taroStore: KeyValueStore = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key);
      return typeof v === 'string' && v !== '' ? v : undefined;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value);
    } catch {
      // Storage full (weapp: 10 MB): the value just is not remembered.
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // nothing to remove
    }
  },
};

/** An in-memory store with the same interface, for tests and as a fallback. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
  const m = new Map(Object.entries(initial));
  return {
    get: (k) => m.get(k),
    set: (k, v) => void m.set(k, v),
    remove: (k) => void m.delete(k),
  };
}

export function readJson<S extends z.ZodType>(store: KeyValueStore, key: string, schema: S, fallback: z.output<S>): z.output<S> {
  const raw = store.get(key);
  if (raw === undefined) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  store.set(key, JSON.stringify(value));
}

export const STORAGE_KEYS = {
  token: 'union.token',
  user: 'union.user',
  largeText: 'union.largeText',
  tickets: 'union.tickets.v1',
  deviceId: 'union.deviceId',
  offlinePack: (activityId: string) => `union.cadre.pack.${activityId}`,
  offlineQueue: (activityId: string) => `union.cadre.queue.${activityId}`,
  card: 'union.card.v1',
  memberCodeKey: 'union.cadre.memberCodeKey.v1',
} as const;

/** A random id in base36; not a secret, only distinct (idempotency keys, nonces, device ids). */
export function randomId(length = 16): string {
  let out = '';
  while (out.length < length) out += Math.random().toString(36).slice(2);
  return out.slice(0, length);
}

/** Which phone scanned: kept for the life of the install so the server can tell devices apart. */
export function deviceId(store: KeyValueStore = taroStore): string {
  let id = store.get(STORAGE_KEYS.deviceId);
  if (!id) {
    id = 'd-' + randomId(14);
    store.set(STORAGE_KEYS.deviceId, id);
  }
  return id;
}
