// The member's tickets kept on the phone: a door with no signal must still show the QR code.
// Refreshed whenever "我的报名" or an activity page loads; read first by the ticket page.
import { z } from '../../../shared/zod.js';
import { ZRegistrationStatus, type TActivity, type TRegistration } from '../../../shared/schemas.js';
import { readJson, STORAGE_KEYS, taroStore, writeJson, type KeyValueStore } from './storage';

export const ZCachedTicket = z.object({
  registrationId: z.string(),
  activityId: z.string(),
  status: ZRegistrationStatus,
  waitlistPosition: z.number().nullable(),
  ticket: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  locationName: z.string(),
  orgName: z.string(),
  activityCancelled: z.boolean(),
  savedAt: z.string(),
});
export type CachedTicket = z.infer<typeof ZCachedTicket>;

const MAX_CACHED = 30;

export function toCachedTicket(reg: TRegistration, activity: TActivity, now = new Date()): CachedTicket {
  return {
    registrationId: reg.id,
    activityId: activity.id,
    status: reg.status,
    waitlistPosition: reg.waitlistPosition,
    ticket: reg.ticket,
    checkedInAt: reg.checkedInAt,
    createdAt: reg.createdAt,
    title: activity.title,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    locationName: activity.location.name,
    orgName: activity.orgName,
    activityCancelled: activity.status === 'cancelled',
    savedAt: now.toISOString(),
  };
}

export function readTickets(store: KeyValueStore = taroStore): CachedTicket[] {
  return readJson(store, STORAGE_KEYS.tickets, z.array(ZCachedTicket), []);
}

export function findTicket(registrationId: string, store: KeyValueStore = taroStore): CachedTicket | undefined {
  return readTickets(store).find((t) => t.registrationId === registrationId);
}

/** Newest registration first, cancelled ones dropped, at most MAX_CACHED kept. */
function normalise(list: CachedTicket[]): CachedTicket[] {
  return list
    .filter((t) => t.status !== 'cancelled')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, MAX_CACHED);
}

/** One registration changed (signed up, cancelled, refreshed on its page). */
export function rememberRegistration(reg: TRegistration, activity: TActivity, store: KeyValueStore = taroStore): void {
  const rest = readTickets(store).filter((t) => t.registrationId !== reg.id);
  writeJson(store, STORAGE_KEYS.tickets, normalise([toCachedTicket(reg, activity), ...rest]));
}

/** The full list from the server replaces what the phone had. */
export function replaceTickets(items: { reg: TRegistration; activity: TActivity }[], store: KeyValueStore = taroStore): void {
  writeJson(store, STORAGE_KEYS.tickets, normalise(items.map((i) => toCachedTicket(i.reg, i.activity))));
}

export function clearTickets(store: KeyValueStore = taroStore): void {
  store.remove(STORAGE_KEYS.tickets);
}
