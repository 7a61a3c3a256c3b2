// The demo's love stations: Zhengzhou's 887, at plausible places inside the urban area
// (34.6–34.9 N, 113.5–113.9 E, GCJ-02). Names and addresses are made of road names and kinds of
// host sites (a sanitation depot, a bank branch, a community centre), never anyone's home; no
// phone numbers (a made-up number may be someone's). Generated from a fixed seed: every demo has
// the same stations. The first ones, near 金水区's centre, are the ones the browser test uses.
import type { Queryable } from '../functions/_lib/db/index.js';
import { destinationPoint } from '../shared/domain/geo.js';
import { hoursIndexLiteral, parseOpeningHours } from '../shared/domain/opening-hours.js';
import { ZHENGZHOU_DISTRICTS } from '../shared/domain/zhengzhou-districts.js';

export const DEMO_STATION_COUNT = 887;
/** Where the browser test stands: 金水区's centre. */
export const DEMO_POINT = { lat: ZHENGZHOU_DISTRICTS[0].lat, lng: ZHENGZHOU_DISTRICTS[0].lng };

const ROADS = [
  '花园路', '文化路', '经三路', '农业路', '纬五路', '金水路', '东风路', '北三环', '建设路', '中原路', '嵩山路', '大学路', '航海路', '陇海路',
  '紫荆山路', '商城路', '未来路', '中州大道', '京广路', '桐柏路', '伊河路', '须水路', '工人路', '黄河路', '丰产路', '红专路', '民航路', '郑汴路',
  '长江路', '南三环', '科学大道', '国基路', '天河路', '江山路', '英才街', '开元路', '商都路', '众意路', '博学路', '明理路', '杨金路', '金杯路',
  '兴华街', '政通路', '淮河路', '汝河路', '化工路', '秦岭路', '冉屯路', '沙口路', '南阳路', '索凌路', '西三环', '东三环', '榆林路', '枫杨街',
];
const KINDS = ['环卫驿站', '爱心驿站', '户外劳动者驿站', '工会驿站', '骑手之家'];
const HOSTS = ['环卫所', '银行网点', '社区服务中心', '加油站', '公园管理处', '街道办事处', '供电营业厅', '邮政网点'];
/** The opening hours the demo's (and the benchmark's) stations have, with their share in per cent. */
export const STATION_HOURS = [
  ['24/7', 30],
  ['Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', 35],
  ['Mo-Su 07:00-21:00', 20],
  ['Mo-Fr 08:30-17:30; PH off', 15],
] as const;
const SERVICE_ODDS: [string, number][] = [
  ['water', 1], ['hot_meal', 0.3], ['charging', 0.75], ['toilet', 0.6], ['rest', 1], ['first_aid', 0.55], ['air_conditioning', 0.65], ['microwave', 0.45],
];
/** The districts whose unions the demo's tree has; the other stations belong to the city union. */
const UNION_OF_DISTRICT: Record<string, string> = { 金水区: '金水区总工会', 二七区: '二七区总工会' };

/** mulberry32: a small deterministic generator (also the benchmark's: bench/stations.ts). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoStation = { name: string; address: string; lat: number; lng: number; openingHours: string; services: string[]; district: string };

export function demoStations(): DemoStation[] {
  const rnd = random(18_887);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const out: DemoStation[] = [
    // the browser test's stations, by 金水区's centre: the nearest has a toilet, the second none
    { name: '文化路环卫驿站', address: '郑州市金水区文化路与农业路交叉口环卫所', ...destinationPoint(DEMO_POINT.lat, DEMO_POINT.lng, 180, 30), openingHours: '24/7', services: ['water', 'toilet', 'rest', 'charging', 'microwave'], district: '金水区' },
    { name: '农业路爱心驿站', address: '郑州市金水区农业路与经三路交叉口银行网点', ...destinationPoint(DEMO_POINT.lat, DEMO_POINT.lng, 120, 250), openingHours: 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', services: ['water', 'rest', 'charging'], district: '金水区' },
  ];
  const taken = new Set(out.map((s) => s.name));
  while (out.length < DEMO_STATION_COUNT) {
    // around a district centre (most stations sit in the busy districts), inside the urban bounds
    const district = rnd() < 0.35 ? ZHENGZHOU_DISTRICTS[Math.floor(rnd() * 2)] : pick(ZHENGZHOU_DISTRICTS);
    const p = destinationPoint(district.lat, district.lng, 300 + Math.sqrt(rnd()) * 6000, rnd() * 360);
    if (p.lat < 34.6 || p.lat > 34.9 || p.lng < 113.5 || p.lng > 113.9) continue;
    const road = pick(ROADS);
    let cross = pick(ROADS);
    while (cross === road) cross = pick(ROADS);
    let name = `${road}${pick(KINDS)}`;
    for (let n = 2; taken.has(name); n++) name = `${road}${pick(KINDS)}（${n}号站）`;
    taken.add(name);
    let x = rnd() * 100;
    const hours = STATION_HOURS.find(([, w]) => (x -= w) < 0)?.[0] ?? '24/7';
    out.push({
      name,
      address: `郑州市${district.name}${road}与${cross}交叉口${pick(HOSTS)}`,
      lat: Math.round(p.lat * 1e6) / 1e6,
      lng: Math.round(p.lng * 1e6) / 1e6,
      openingHours: hours,
      services: SERVICE_ODDS.filter(([, odds]) => rnd() < odds).map(([s]) => s),
      district: district.name,
    });
  }
  return out;
}

/** Inserts the demo stations (one statement), each under its district's union or the city's. */
/** Opening hours text → its hours_index literal, for the generated stations' hours. */
export function hoursIndexOf(texts: Iterable<string>): Map<string, string> {
  const hoursIndex = new Map<string, string>();
  for (const text of texts) {
    if (hoursIndex.has(text)) continue;
    const parsed = parseOpeningHours(text);
    if (!parsed.ok) throw new Error(`demo opening hours: ${parsed.reason}`);
    hoursIndex.set(text, hoursIndexLiteral(parsed.hours));
  }
  return hoursIndex;
}

export async function seedStations(db: Queryable, orgs: Record<string, { id: string }>): Promise<void> {
  const stations = demoStations();
  const hoursIndex = hoursIndexOf(stations.map((s) => s.openingHours));
  await db.query(
    `insert into stations (org_id, name, address, lat, lng, opening_hours, hours_index, services, last_confirmed_at)
     select org, name, address, lat, lng, hours, idx::int4multirange, string_to_array(services, ','), case when confirmed then now() - interval '3 hours' end
       from unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::bool[])
         as t(org, name, address, lat, lng, hours, idx, services, confirmed)`,
    [
      stations.map((s) => orgs[UNION_OF_DISTRICT[s.district] ?? '郑州市总工会'].id),
      stations.map((s) => s.name),
      stations.map((s) => s.address),
      stations.map((s) => s.lat),
      stations.map((s) => s.lng),
      stations.map((s) => s.openingHours),
      stations.map((s) => hoursIndex.get(s.openingHours)),
      stations.map((s) => s.services.join(',')),
      stations.map((_, i) => i % 3 === 0),
    ],
  );
}
