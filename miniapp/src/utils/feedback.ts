// Native toasts and dialogs (Taro implements them for H5 too): nothing extra in the bundle.
import Taro from '@tarojs/taro';

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  // WeChat cuts a toast with an icon at 7 characters; long text goes without one.
  void Taro.showToast({ title, icon: title.length > 7 ? 'none' : icon, duration: 2000 });
}

/**
 * The spinner toast while something long runs (null hides it). WeChat shows at most 7 characters
 * of its title beside the spinner: a longer one loses its spaces first (上传中 100% → 上传中100%),
 * then its tail.
 */
export function loading(title: string | null): void {
  if (title === null) return void Taro.hideLoading();
  const fitted = [...title].length > 7 ? [...title.replace(/\s+/g, '')].slice(0, 7).join('') : title;
  void Taro.showLoading({ title: fitted, mask: true });
}

export async function confirm(title: string, content: string, confirmText = '确定', cancelText = '再想想'): Promise<boolean> {
  const res = await Taro.showModal({ title, content, confirmText, cancelText, confirmColor: '#C8161D' });
  return res.confirm;
}

export async function alert(title: string, content: string): Promise<void> {
  await Taro.showModal({ title, content, showCancel: false, confirmText: '知道了', confirmColor: '#C8161D' });
}

export function go(url: string): void {
  void Taro.navigateTo({ url });
}
