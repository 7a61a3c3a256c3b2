// The demo's people, as `npm start` seeds them (scripts/seed-demo.ts) and the H5 login picker lists
// them (GET /api/demo/users, only where dev login is on). Server code may import this; it must not
// import from scripts/, which serverless bundles do not carry.
export const DEMO_LOGINS = [
  { openid: 'member-zhang', label: '张伟 · 会员（郑州圆方集团工会）', role: 'member' },
  { openid: 'member-li', label: '李娜 · 会员（郑州圆方集团工会）', role: 'member' },
  { openid: 'rider-wang', label: '王强 · 外卖骑手（饿了么郑州蓝骑士工会）', role: 'member' },
  { openid: 'cadre-liu', label: '刘洋 · 工会干部（金水区总工会）', role: 'cadre' },
  { openid: 'cadre-rider', label: '赵磊 · 工会干部（新就业形态劳动者工会联合会）', role: 'cadre' },
  { openid: 'officer-chen', label: '陈静 · 互助保障经办人', role: 'claims_officer' },
  { openid: 'admin', label: '市总工会管理员', role: 'admin' },
  { openid: 'newcomer', label: '新用户（未实名绑定：姓名 周敏，身份证号 410105199203150020，手机 13800055433）', role: 'unbound' },
  { openid: 'cadre-eleme', label: '马骁 · 工会干部（饿了么郑州蓝骑士工会，入会审核）', role: 'cadre' },
] as const;
