export default defineAppConfig({
  pages: [
    'pages/activities/index',
    'pages/insurance/index',
    'pages/mine/index',
    'pages/activity/index',
    'pages/ticket/index',
    'pages/my-registrations/index',
    'pages/bind/index',
    'pages/login/index',
  ],
  subPackages: [
    // Pages a member opens now and then (issue #15 joining and the member card, #17 aid and 互助金申请,
    // #18 love stations, a claim's detail with its documents): each its own sub-package, so the main
    // package members download first stays within budget (scripts/size-report.ts, 600 KB, and
    // tests/wechat/quality.test.ts after the upload compile). The root keeps the page's path
    // (pages/aid/index …), so links, notices and the H5 routes are unchanged. The card (with the
    // Ed25519 code signing it carries) is preloaded from the home and 我的 tabs, so it is on the phone
    // before the member is at a venue without signal; a claim from the 互助保障 tab that lists them.
    { root: 'pages/card', pages: ['index'] },
    { root: 'pages/claim', pages: ['index'] },
    { root: 'pages/join', pages: ['index'] },
    { root: 'pages/aid', pages: ['index'] },
    { root: 'pages/claim-apply', pages: ['index'] },
    { root: 'pages/stations', pages: ['index'] },
    // Cadre tools are used by few people: kept out of the main package members download first.
    {
      root: 'packages/cadre',
      pages: ['manage/index', 'activity-form/index', 'scan/index', 'roster/index', 'member-code/index'],
    },
    // The union office (issue #14): imports, lookups, roles, unions, statistics, service keys.
    // Only staff open it, so it is neither in the main package nor preloaded for members.
    {
      root: 'packages/office',
      pages: ['index/index', 'import/index', 'members/index', 'member/index', 'orgs/index', 'claims/index', 'claim/index', 'stats/index', 'activity-stats/index', 'keys/index', 'station-reports/index', 'station-reliability/index', 'aid/index', 'join/index', 'calendar/index'],
    },
    // The lottery's public result (公示, issue #16): anyone opens it from an activity page.
    {
      root: 'packages/lottery',
      pages: ['result/index'],
    },
  ],
  // Love stations (issue #18): the position is asked only when the stations list opens.
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的爱心驿站，位置不会被保存' },
  },
  requiredPrivateInfos: ['getLocation'],
  // Only the components a page renders are injected at start-up (base library ≥ 2.11.1).
  lazyCodeLoading: 'requiredComponents',
  preloadRule: {
    'pages/activities/index': { network: 'all', packages: ['pages/card'] },
    'pages/mine/index': { network: 'all', packages: ['packages/cadre', 'pages/card'] },
    'pages/insurance/index': { network: 'all', packages: ['pages/claim'] },
  },
  window: {
    navigationBarBackgroundColor: '#C8161D',
    navigationBarTitleText: '工会服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F4F5F7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5F6368',
    selectedColor: '#C8161D',
    backgroundColor: '#FFFFFF',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/activities/index', text: '活动', iconPath: 'assets/tab/activities.png', selectedIconPath: 'assets/tab/activities-active.png' },
      { pagePath: 'pages/insurance/index', text: '互助保障', iconPath: 'assets/tab/insurance.png', selectedIconPath: 'assets/tab/insurance-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
});
