// The few Taro APIs the tested modules touch, in memory. Tests read `taroCalls` to see
// navigation and can clear `storage` between cases.
export const storage = new Map<string, unknown>();
export const taroCalls: { api: string; arg: unknown }[] = [];

/** What the WeChat subscription dialog answers next (tests set it): per template id, or a failure. */
export const subscribeReply: { answer: Record<string, string>; fail: boolean } = { answer: {}, fail: false };

const record = (api: string) => async (arg: unknown) => {
  taroCalls.push({ api, arg });
  return {};
};

const Taro = {
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
  removeStorageSync: (k: string) => void storage.delete(k),
  getCurrentPages: () => [{ route: 'pages/activities/index' }],
  reLaunch: record('reLaunch'),
  switchTab: record('switchTab'),
  navigateTo: record('navigateTo'),
  showToast: record('showToast'),
  showLoading: record('showLoading'),
  hideLoading: record('hideLoading'),
  showModal: async (arg: unknown) => {
    taroCalls.push({ api: 'showModal', arg });
    return { confirm: true, cancel: false };
  },
  requestSubscribeMessage: (arg: { tmplIds: string[] }) => {
    taroCalls.push({ api: 'requestSubscribeMessage', arg });
    return subscribeReply.fail ? Promise.reject(new Error('requestSubscribeMessage:fail')) : Promise.resolve({ ...subscribeReply.answer, errMsg: 'requestSubscribeMessage:ok' });
  },
  request: async () => {
    throw new Error('tests must set a transport (setTransport)');
  },
};

export default Taro;
