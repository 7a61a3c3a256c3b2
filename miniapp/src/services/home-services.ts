// The services the home tab offers, in one list. An entry shows only when its page is part of
// the app (app.config.ts), so a service appears on the home tab the day its page lands.
export type HomeService = { key: string; title: string; page: string; hint: string };

export const HOME_SERVICES: HomeService[] = [
  { key: 'activities', title: '活动', page: 'pages/activities/index', hint: '报名参加' },
  { key: 'join', title: '入会', page: 'pages/join/index', hint: '在线申请' },
  { key: 'card', title: '会员卡', page: 'pages/card/index', hint: '出示会员码' },
  { key: 'stations', title: '驿站', page: 'pages/stations/index', hint: '附近爱心驿站' },
  { key: 'insurance', title: '互助保障', page: 'pages/insurance/index', hint: '保障与理赔' },
  { key: 'aid', title: '帮扶助学', page: 'pages/aid/index', hint: '申请帮扶' },
];

type AppConfigLike = { pages?: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] };

/** Every page path of an app config, sub-packages included ("packages/office/index/index"). */
export function pagesOf(config: AppConfigLike | undefined): string[] {
  if (!config) return [];
  const subs = config.subPackages ?? config.subpackages ?? [];
  return [...(config.pages ?? []), ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))].map((p) => p.replace(/^\//, ''));
}

export function servicesIn(pages: readonly string[]): HomeService[] {
  return HOME_SERVICES.filter((s) => pages.includes(s.page));
}

/** The app's pages as the running app knows them (weapp: __wxConfig; H5: Taro's app config). */
export function appPages(): string[] {
  const g = globalThis as { __wxConfig?: AppConfigLike; __taroAppConfig?: AppConfigLike };
  const fromRuntime = pagesOf(g.__wxConfig ?? g.__taroAppConfig);
  // Unknown (a test runtime): the two tab pages, which always exist.
  return fromRuntime.length ? fromRuntime : ['pages/activities/index', 'pages/insurance/index'];
}
