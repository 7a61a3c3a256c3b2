// Who is logged in: the bearer token and the last known user, kept in Taro storage.
import Taro from '@tarojs/taro';
import { ZUser, type TUser } from '../../../shared/schemas.js';
import { readJson, STORAGE_KEYS, taroStore, writeJson, type KeyValueStore } from './storage';

let store: KeyValueStore = taroStore;

/** Tests swap the store; the app never does. */
export function setSessionStore(s: KeyValueStore): void {
  store = s;
}

export function getToken(): string | undefined {
  return store.get(STORAGE_KEYS.token);
}

export function getCachedUser(): TUser | null {
  return readJson(store, STORAGE_KEYS.user, ZUser.nullable(), null);
}

export function saveSession(token: string, user: TUser): void {
  store.set(STORAGE_KEYS.token, token);
  writeJson(store, STORAGE_KEYS.user, user);
}

export function saveUser(user: TUser): void {
  writeJson(store, STORAGE_KEYS.user, user);
}

export function clearSession(): void {
  store.remove(STORAGE_KEYS.token);
  store.remove(STORAGE_KEYS.user);
}

export function isCadre(user: TUser | null): boolean {
  return !!user && user.roles.some((r) => r.role === 'cadre' || r.role === 'admin');
}

/** Anyone with a staff role reaches the office (its pages then show only what each role may do). */
export function hasOfficeRole(user: TUser | null): boolean {
  return !!user && user.roles.some((r) => r.role === 'cadre' || r.role === 'admin' || r.role === 'claims_officer');
}

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/activities/index';
export const TAB_PAGES = [HOME_PAGE, '/pages/insurance/index', '/pages/mine/index'];

let redirecting = false;

/**
 * Several requests fail with 401 at once when a token expires; only the first one navigates,
 * and the login page is not pushed on top of itself.
 */
export function goToLogin(): void {
  if (redirecting) return;
  const pages = Taro.getCurrentPages();
  const current = pages.length ? '/' + pages[pages.length - 1].route : '';
  if (current === LOGIN_PAGE) return;
  redirecting = true;
  Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false;
  });
}

/** After login: back to where the person was going, or the activity list. */
export function leaveLogin(redirect?: string): void {
  const target = redirect && redirect.startsWith('/pages/') ? redirect : HOME_PAGE;
  const path = target.split('?')[0];
  if (TAB_PAGES.includes(path)) Taro.switchTab({ url: path });
  else Taro.reLaunch({ url: target });
}
