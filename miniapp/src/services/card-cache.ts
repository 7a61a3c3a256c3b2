// The member card kept on the phone: at a venue with no signal the card still shows and, with the
// device key certified by the server (docs/member-card.md), still makes a fresh code every 30 s.
// Logging out clears it (it holds the device key).
import { z } from '../../../shared/zod.js';
import { ZMemberCard, type TMemberCard } from '../../../shared/contract-card.js';
import { readJson, STORAGE_KEYS, taroStore, writeJson, type KeyValueStore } from './storage';

export const ZCachedCard = z.object({
  card: ZMemberCard,
  /** server clock − phone clock when the card was fetched (ms): codes are dated by the server's clock */
  clockOffsetMs: z.number(),
  savedAt: z.string(),
});
export type CachedCard = z.infer<typeof ZCachedCard>;

export function toCachedCard(card: TMemberCard, receivedAtMs = Date.now()): CachedCard {
  return { card, clockOffsetMs: Date.parse(card.serverTime) - receivedAtMs, savedAt: new Date(receivedAtMs).toISOString() };
}

export function readCard(store: KeyValueStore = taroStore): CachedCard | null {
  return readJson(store, STORAGE_KEYS.card, ZCachedCard.nullable(), null);
}

export function rememberCard(card: TMemberCard, store: KeyValueStore = taroStore, receivedAtMs = Date.now()): CachedCard {
  const cached = toCachedCard(card, receivedAtMs);
  writeJson(store, STORAGE_KEYS.card, cached);
  return cached;
}

export function clearCard(store: KeyValueStore = taroStore): void {
  store.remove(STORAGE_KEYS.card);
}
