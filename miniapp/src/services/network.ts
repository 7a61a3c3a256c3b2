// "The network is back": WeChat reports it through onNetworkStatusChange. Taro's H5 version only
// listens to navigator.connection (absent in many browsers), so the browser's own `online` event
// is heard too. Returns the unsubscribe.
import Taro from '@tarojs/taro';
import { IS_WEAPP } from './platform';

export function onNetworkBack(callback: () => void): () => void {
  const onChange = (res: { isConnected: boolean }) => {
    if (res.isConnected) callback();
  };
  let offTaro = () => {};
  if (typeof Taro.onNetworkStatusChange === 'function') {
    Taro.onNetworkStatusChange(onChange);
    offTaro = () => {
      if (typeof Taro.offNetworkStatusChange === 'function') Taro.offNetworkStatusChange(onChange);
    };
  }
  const w = (IS_WEAPP ? undefined : (globalThis as { window?: { addEventListener?: (e: string, f: () => void) => void; removeEventListener?: (e: string, f: () => void) => void } }).window) ?? undefined;
  w?.addEventListener?.('online', callback);
  return () => {
    offTaro();
    w?.removeEventListener?.('online', callback);
  };
}
