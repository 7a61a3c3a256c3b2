// WeChat's documented limits for its native dialogs (wx.showModal, wx.showToast,
// wx.showActionSheet, wx.showLoading). A call over them is refused (showModal) or cut short
// (toast): the WeChat-like runtime refuses them all, and the static walk checks every call site.

/** Characters as WeChat counts them for these limits: one per character, Chinese or not. */
export const chars = (s: string) => [...s].length;

export const LIMITS = { modalButton: 4, toastWithIcon: 7, actionSheetItems: 6 } as const;

/** Why WeChat would refuse or mangle this call, or null when it is within the limits. */
export function wechatUiViolation(api: string, o: Record<string, any> = {}): string | null {
  if (api === 'showModal') {
    for (const k of ['confirmText', 'cancelText'] as const)
      if (typeof o[k] === 'string' && chars(o[k]) > LIMITS.modalButton) return `${k} "${o[k]}" is longer than ${LIMITS.modalButton} characters`;
  }
  if (api === 'showToast' || api === 'showLoading') {
    const icon = api === 'showLoading' ? 'loading' : (o.icon ?? 'success');
    if (icon !== 'none' && typeof o.title === 'string' && chars(o.title) > LIMITS.toastWithIcon) return `title "${o.title}" with an icon is longer than ${LIMITS.toastWithIcon} characters`;
  }
  if (api === 'showActionSheet') {
    if (!Array.isArray(o.itemList) || o.itemList.length === 0) return 'itemList is empty';
    if (o.itemList.length > LIMITS.actionSheetItems) return `itemList has more than ${LIMITS.actionSheetItems} items`;
  }
  return null;
}
