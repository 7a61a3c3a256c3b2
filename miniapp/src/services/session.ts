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

/** Venues check member codes: verifier accounts, cadres and admins (api.md). */
export function canVerifyMemberCodes(user: TUser | null): boolean {
  return !!user && user.roles.some((r) => r.role === 'verifier' || r.role === 'cadre' || r.role === 'admin');
}

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/activities/index';
export const TAB_PAGES = [HOME_PAGE, '/pages/insurance/index', '/pages/mine/index'];

let redirecting = false;

/** Only the app's own pages are targets after login or binding (not an address from a link). */
function isOwnPage(url: string | undefined): url is string {
  return !!url && /^\/(pages|packages)\/[\w/-]+(\?.*)?$/.test(url);
}

type PageLike = { route?: string; options?: Record<string, string | undefined>; $taroParams?: Record<string, string | undefined> };

/** The page on screen as a URL with its query ("/pages/activity/index?id=7"), Taro's own keys left out. */
export function currentPageUrl(page: PageLike | undefined): string {
  if (!page?.route) return '';
  const params = page.options ?? page.$taroParams ?? {};
  const query = Object.entries(params)
    .filter(([k, v]) => v !== undefined && !k.startsWith('$') && k !== 'stamp')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  const path = '/' + page.route.replace(/^\//, '');
  return query ? `${path}?${query}` : path;
}

/**
 * The page being shown. The router's record comes first: a page opened from a link asks for
 * its data before the H5 router has put it on the page stack.
 */
function pageOnScreen(): PageLike | undefined {
  const router = Taro.getCurrentInstance?.()?.router;
  if (router?.path) return { route: router.path.split('?')[0], $taroParams: router.params };
  const pages = Taro.getCurrentPages() as PageLike[];
  return pages[pages.length - 1];
}

/**
 * Several requests fail with 401 at once when a token expires; only the first one navigates,
 * and the login page is not pushed on top of itself. The page the person opened (a shared
 * activity link) goes along as `redirect`, so login leads back to it.
 */
export function goToLogin(): void {
  if (redirecting) return;
  const current = currentPageUrl(pageOnScreen());
  if (current.split('?')[0] === LOGIN_PAGE) return;
  redirecting = true;
  const url = isOwnPage(current) && current !== HOME_PAGE ? `${LOGIN_PAGE}?redirect=${encodeURIComponent(current)}` : LOGIN_PAGE;
  Taro.reLaunch({ url }).finally(() => {
    redirecting = false;
  });
}

function openTarget(target: string, replace: 'reLaunch' | 'redirectTo'): void {
  const path = target.split('?')[0];
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else if (replace === 'reLaunch') void Taro.reLaunch({ url: target });
  else void Taro.redirectTo({ url: target });
}

/** After login: back to where the person was going, or the activity list. */
export function leaveLogin(redirect?: string): void {
  openTarget(isOwnPage(redirect) ? redirect : HOME_PAGE, 'reLaunch');
}

/**
 * After binding: back to the page that sent the member here (the activity they wanted), which
 * reloads when shown; without one, to 我的 where the member card now shows.
 */
export function returnAfterBinding(from?: string): void {
  if (!isOwnPage(from)) {
    void Taro.switchTab({ url: '/pages/mine/index' });
    return;
  }
  const pages = Taro.getCurrentPages() as PageLike[];
  const previous = currentPageUrl(pages[pages.length - 2]);
  if (previous && previous.split('?')[0] === from.split('?')[0]) void Taro.navigateBack();
  else openTarget(from, 'redirectTo');
}
