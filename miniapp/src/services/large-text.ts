// 大字模式 (适老化): one switch on 我的, remembered on the phone, read by every page's root.
import { STORAGE_KEYS, taroStore } from './storage';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: boolean | null = null;

/**
 * H5: the tab bar lives outside every page's root, so the setting is also a class on <html>
 * (app.scss enlarges the tab labels with it). The weapp's tab bar is WeChat's own and follows
 * WeChat's font size setting instead.
 */
function reflectOnDocument(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('large-text-app', on);
}

export function isLargeText(): boolean {
  if (current === null) {
    current = taroStore.get(STORAGE_KEYS.largeText) === '1';
    reflectOnDocument(current);
  }
  return current;
}

export function setLargeText(on: boolean): void {
  current = on;
  reflectOnDocument(on);
  if (on) taroStore.set(STORAGE_KEYS.largeText, '1');
  else taroStore.remove(STORAGE_KEYS.largeText);
  listeners.forEach((l) => l());
}

export function subscribeLargeText(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
