// A cursor-paged list (api.md "Lists"): first page, pull-to-refresh, load more at the bottom.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { toUiError, type UiError } from './resource';

export type Page<T> = { items: T[]; nextCursor: string | null };

export type ListState<T> = {
  items: T[];
  nextCursor: string | null;
  loaded: boolean;
  loading: boolean;
  refreshing: boolean;
  loadingMore: boolean;
  error: UiError | null;
};

export type ListAction<T> =
  | { type: 'start'; more: boolean }
  | { type: 'page'; page: Page<T>; more: boolean }
  | { type: 'failure'; error: UiError }
  | { type: 'replace'; items: T[] };

export function initialList<T>(): ListState<T> {
  return { items: [], nextCursor: null, loaded: false, loading: true, refreshing: false, loadingMore: false, error: null };
}

/** Appends a page, dropping items already shown (a list that shifted between two pages). */
export function mergePage<T extends { id: string }>(prev: T[], page: T[]): T[] {
  const seen = new Set(prev.map((i) => i.id));
  return [...prev, ...page.filter((i) => !seen.has(i.id))];
}

export function listReducer<T extends { id: string }>(s: ListState<T>, a: ListAction<T>): ListState<T> {
  switch (a.type) {
    case 'start':
      if (a.more) return { ...s, loadingMore: true, error: null };
      return s.loaded ? { ...s, refreshing: true } : { ...s, loading: true, error: null };
    case 'page':
      return {
        items: a.more ? mergePage(s.items, a.page.items) : a.page.items,
        nextCursor: a.page.nextCursor,
        loaded: true,
        loading: false,
        refreshing: false,
        loadingMore: false,
        error: null,
      };
    case 'failure':
      return { ...s, loading: false, refreshing: false, loadingMore: false, error: a.error };
    case 'replace':
      return { ...s, items: a.items };
  }
}

export function usePagedList<T extends { id: string }>(loadPage: (cursor: string | null) => Promise<Page<T>>, deps: unknown[]) {
  const [state, dispatch] = useReducer(listReducer<T>, undefined, initialList<T>);
  const seq = useRef(0);
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const stateRef = useRef(state);
  stateRef.current = state;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    dispatch({ type: 'start', more: false });
    try {
      const page = await loadRef.current(null);
      if (mine === seq.current) dispatch({ type: 'page', page, more: false });
    } catch (err) {
      if (mine === seq.current) dispatch({ type: 'failure', error: toUiError(err) });
    }
  }, []);

  const loadMore = useCallback(async () => {
    const s = stateRef.current;
    if (!s.nextCursor || s.loadingMore || s.loading) return;
    const mine = seq.current;
    dispatch({ type: 'start', more: true });
    try {
      const page = await loadRef.current(s.nextCursor);
      if (mine === seq.current) dispatch({ type: 'page', page, more: true });
    } catch (err) {
      if (mine === seq.current) dispatch({ type: 'failure', error: toUiError(err) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, deps);

  const replace = useCallback((items: T[]) => dispatch({ type: 'replace', items }), []);
  return { ...state, reload, loadMore, replace };
}
