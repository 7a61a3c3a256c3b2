// 我的报名: from the server when there is signal, from the phone's copy when there is not.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../services/api';
import { readTickets, replaceTickets, type CachedTicket } from '../services/ticket-cache';
import { toUiError, type UiError } from './resource';

export type MyRegistrationsState = {
  items: CachedTicket[];
  loading: boolean;
  refreshing: boolean;
  /** Showing the phone's copy because the server could not be reached. */
  offline: boolean;
  error: UiError | null;
};

/** Upcoming first (soonest on top), then past ones (most recent on top). */
export function orderForDisplay(items: CachedTicket[], now: Date): CachedTicket[] {
  const t = now.getTime();
  const upcoming = items.filter((i) => new Date(i.endsAt).getTime() >= t).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const past = items.filter((i) => new Date(i.endsAt).getTime() < t).sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  return [...upcoming, ...past];
}

/** At most this many pages of 50 are read: a member has tens of registrations, not thousands. */
export const MY_REGISTRATION_PAGES = 10;

/** Every registration of the member (all pages), saved on the phone for offline tickets. */
export async function loadMyRegistrations(): Promise<CachedTicket[]> {
  const items = [];
  let cursor: string | null = null;
  for (let n = 0; n < MY_REGISTRATION_PAGES; n++) {
    const page = await api.myRegistrations(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const live = items.filter((r) => r.status !== 'cancelled');
  replaceTickets(live.map((r) => ({ reg: r, activity: r.activity })));
  return readTickets();
}

export function useMyRegistrations() {
  const [state, setState] = useState<MyRegistrationsState>(() => {
    const cached = readTickets();
    return { items: cached, loading: cached.length === 0, refreshing: false, offline: false, error: null };
  });

  const reload = useCallback(async () => {
    setState((s) => ({ ...s, refreshing: s.items.length > 0, loading: s.items.length === 0 }));
    try {
      const items = await loadMyRegistrations();
      setState({ items, loading: false, refreshing: false, offline: false, error: null });
    } catch (err) {
      const error = toUiError(err);
      setState((s) => ({ ...s, loading: false, refreshing: false, offline: error.code === 'NETWORK' && s.items.length > 0, error }));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { ...state, reload };
}
