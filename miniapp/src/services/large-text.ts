// 大字模式 (适老化): one switch on 我的, remembered on the phone, read by every page's root.
import { STORAGE_KEYS, taroStore } from './storage';

type Listener = () => void;
const listeners = new Set<Listener>();
let current: boolean | null = null;

export function isLargeText(): boolean {
  if (current === null) current = taroStore.get(STORAGE_KEYS.largeText) === '1';
  return current;
}

export function setLargeText(on: boolean): void {
  current = on;
  if (on) taroStore.set(STORAGE_KEYS.largeText, '1');
  else taroStore.remove(STORAGE_KEYS.largeText);
  listeners.forEach((l) => l());
}

export function subscribeLargeText(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
