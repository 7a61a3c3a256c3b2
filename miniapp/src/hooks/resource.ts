// Loading a thing from the API: the state machine is a plain reducer (tested without React);
// useResource only wires it to a component and drops answers that arrive out of order.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { errorCode, errorMessage, type ClientErrorCode } from '../services/api';

export type UiError = { code: ClientErrorCode | undefined; message: string };

/**
 * Trying again helps only when the failure may pass (network, server, rate limit). Not when the
 * person must do something first: "请先完成实名绑定" offers the way to bind, not 重试.
 */
export function retryHelps(code: UiError['code']): boolean {
  return code === undefined || code === 'NETWORK' || code === 'BAD_RESPONSE' || code === 'INTERNAL' || code === 'UNAVAILABLE' || code === 'RATE_LIMITED';
}

export function toUiError(err: unknown): UiError {
  return { code: errorCode(err), message: errorMessage(err) };
}

export type ResourceState<T> = {
  data: T | null;
  error: UiError | null;
  /** First load, nothing to show yet. */
  loading: boolean;
  /** Reload with data already on screen (pull-to-refresh). */
  refreshing: boolean;
};

export type ResourceAction<T> =
  | { type: 'start' }
  | { type: 'success'; data: T }
  | { type: 'failure'; error: UiError }
  | { type: 'set'; data: T };

export function initialResource<T>(data: T | null = null): ResourceState<T> {
  return { data, error: null, loading: data === null, refreshing: false };
}

export function resourceReducer<T>(state: ResourceState<T>, action: ResourceAction<T>): ResourceState<T> {
  switch (action.type) {
    case 'start':
      return state.data === null ? { ...state, loading: true, error: null } : { ...state, refreshing: true };
    case 'success':
      return { data: action.data, error: null, loading: false, refreshing: false };
    case 'failure':
      // Keep what is on screen: a failed refresh must not blank a list the person is reading.
      return { ...state, error: action.error, loading: false, refreshing: false };
    case 'set':
      return { ...state, data: action.data };
  }
}

export function useResource<T>(load: () => Promise<T>, deps: unknown[], initial: T | null = null) {
  const [state, dispatch] = useReducer(resourceReducer<T>, initial, initialResource<T>);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    dispatch({ type: 'start' });
    try {
      const data = await loadRef.current();
      if (mine === seq.current) dispatch({ type: 'success', data });
    } catch (err) {
      if (mine === seq.current) dispatch({ type: 'failure', error: toUiError(err) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, deps);

  const setData = useCallback((data: T) => dispatch({ type: 'set', data }), []);
  return { ...state, reload, setData };
}
