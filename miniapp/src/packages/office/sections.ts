// Who may do what in the office: one table, read by the 我的 entry, the office home and each page.
// The server decides every request again; this only keeps a person from seeing a door they
// cannot open.
import type { TImportKind, TMemberGroup, TOrg } from '../../services/contract';
import { orgsUnder } from '../../utils/orgs';

type RoleLike = { role: string; orgId: string | null };

export type OfficeSection = 'import_members' | 'import_coverage' | 'import_claims' | 'members' | 'orgs' | 'claims' | 'stats' | 'keys' | 'station_reports' | 'import_stations' | 'station_reliability' | 'aid' | 'join' | 'transfers' | 'calendar';

const SECTIONS_BY_ROLE: Record<string, OfficeSection[]> = {
  admin: ['import_members', 'import_coverage', 'import_claims', 'members', 'orgs', 'claims', 'stats', 'keys', 'join', 'transfers', 'aid', 'station_reports', 'import_stations', 'station_reliability', 'calendar'],
  cadre: ['import_members', 'members', 'stats', 'join', 'transfers', 'aid', 'station_reports', 'import_stations', 'station_reliability'],
  claims_officer: ['import_coverage', 'import_claims', 'claims'],
};

const ORDER: OfficeSection[] = ['join', 'transfers', 'import_members', 'import_coverage', 'import_claims', 'members', 'claims', 'orgs', 'stats', 'keys', 'aid', 'station_reports', 'import_stations', 'station_reliability', 'calendar'];

export function officeSections(roles: readonly RoleLike[] | undefined | null): OfficeSection[] {
  const held = new Set<OfficeSection>();
  for (const r of roles ?? []) for (const s of SECTIONS_BY_ROLE[r.role] ?? []) held.add(s);
  return ORDER.filter((s) => held.has(s));
}

export function canUse(roles: readonly RoleLike[] | undefined | null, section: OfficeSection): boolean {
  return officeSections(roles).includes(section);
}

export const isAdmin = (roles: readonly RoleLike[] | undefined | null) => !!roles?.some((r) => r.role === 'admin');

export type SectionEntry = { section: OfficeSection; title: string; description: string; url: string };

export const SECTION_ENTRIES: Record<OfficeSection, SectionEntry> = {
  import_members: { section: 'import_members', title: '导入会员名册', description: '从微信聊天中选择 Excel 或 CSV 文件', url: '/packages/office/import/index?kind=members' },
  import_coverage: { section: 'import_coverage', title: '导入保障名单', description: '会员参加的互助保障项目', url: '/packages/office/import/index?kind=coverage' },
  import_claims: { section: 'import_claims', title: '导入理赔进度', description: '互助金申请的状态与金额', url: '/packages/office/import/index?kind=claims' },
  members: { section: 'members', title: '会员查询', description: '按姓名、会员编号或手机尾号查找', url: '/packages/office/members/index' },
  claims: { section: 'claims', title: '理赔查询', description: '按申请编号或会员查找', url: '/packages/office/claims/index' },
  orgs: { section: 'orgs', title: '组织管理', description: '添加、改名下级工会，查看会员数', url: '/packages/office/orgs/index' },
  stats: { section: 'stats', title: '活动统计', description: '报名、签到和缺席率', url: '/packages/office/stats/index' },
  keys: { section: 'keys', title: '服务密钥', description: '供互助保障等系统调用接口', url: '/packages/office/keys/index' },
  station_reports: { section: 'station_reports', title: '驿站问题反映', description: '会员反映的驿站问题，限期处理', url: '/packages/office/station-reports/index' },
  import_stations: { section: 'import_stations', title: '导入爱心驿站', description: '名称、地址、坐标、开放时间和服务', url: '/packages/office/import/index?kind=stations' },
  station_reliability: { section: 'station_reliability', title: '驿站运行情况', description: '到访、问题反映和处理时长', url: '/packages/office/station-reliability/index' },
  aid: { section: 'aid', title: '帮扶审核', description: '金秋助学、困难帮扶：审核、公示、发放', url: '/packages/office/aid/index' },
  join: { section: 'join', title: '入会审核', description: '审核入会申请，出示本工会入会二维码', url: '/packages/office/join/index' },
  // a tab of the 入会审核 page, opened on it
  transfers: { section: 'transfers', title: '会籍转移', description: '接收转入的会员，对转出提出异议', url: '/packages/office/join/index?tab=transfers' },
  calendar: { section: 'calendar', title: '节假日设置', description: '法定节假日和调休上班日，审核期限按此计算', url: '/packages/office/calendar/index' },
};

export const IMPORT_KINDS: Record<TImportKind, { title: string; section: OfficeSection; columns: string; needsOrg: boolean }> = {
  members: { title: '导入会员名册', section: 'import_members', columns: '姓名、身份证号、手机号、会员编号（可空）、会员类别（可空）、户号（可空，同户号视为一家人）', needsOrg: true },
  coverage: { title: '导入保障名单', section: 'import_coverage', columns: '身份证号、保障项目、年度、开始日期、结束日期', needsOrg: false },
  claims: {
    title: '导入理赔进度',
    section: 'import_claims',
    columns: '申请编号、身份证号、保障项目、状态、出险日期、申请时间、申请金额（元）、核定金额（元）、实付金额（元）、支付时间、不予给付原因、备注、变更时间',
    needsOrg: false,
  },
  stations: { title: '导入爱心驿站', section: 'import_stations', columns: '名称、地址、纬度、经度（GCJ-02）、开放时间（如 Mo-Fr 08:00-20:00; PH off）、服务、电话（可空）', needsOrg: true },
  aidPayments: { title: '导入帮扶金发放结果', section: 'aid', columns: '申请编号、发放日期（已公示的申请，发放后会员看到“已发放”）', needsOrg: false },
};

export const GROUP_LABELS: Record<TMemberGroup, string> = {
  hardship: '困难职工',
  model_worker: '劳动模范',
  gig_worker: '新就业形态劳动者',
  frontline: '一线职工',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: '管理员',
  cadre: '工会干部',
  claims_officer: '互助保障经办人',
  verifier: '核验员',
};

export const BINDING_LABELS: Record<string, string> = {
  none: '未绑定',
  id_only: '已绑定（仅身份证）',
  phone: '已绑定（手机号已核验）',
};

/** The unions a person may pick: all for an admin, a cadre's own union and those below it. */
export function pickableOrgs<T extends Pick<TOrg, 'id' | 'parentId'>>(orgs: T[], roles: readonly RoleLike[]): T[] {
  if (isAdmin(roles)) return orgs;
  return orgsUnder(orgs, roles.filter((r) => r.orgId).map((r) => r.orgId as string));
}

/** Unions in tree order with their depth, for an indented list (the parent before its children). */
export function treeOrder<T extends Pick<TOrg, 'id' | 'parentId'>>(orgs: T[]): { org: T; depth: number }[] {
  const ids = new Set(orgs.map((o) => o.id));
  const children = new Map<string | null, T[]>();
  for (const o of orgs) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { org: T; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const o of children.get(parent) ?? []) {
      out.push({ org: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}
