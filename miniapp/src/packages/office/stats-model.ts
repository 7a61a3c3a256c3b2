// 活动统计 as data: months in Asia/Shanghai, and the chart specs drawn from the answers.
import type { TActivityStats, TAttendanceStats } from '../../services/contract';
import type { ChartSpec } from './chart/layout';
import { CATEGORY_LABELS } from '../../../../shared/domain/activities.js';

export const RED = '#c8161d';
export const GREEN = '#1a7f37';
export const BLUE = '#2a4a7f';

const SHANGHAI_MS = 8 * 3600 * 1000;

/** "2026-11" for an instant, in Asia/Shanghai (23:30 UTC on 30 November is already December there). */
export function shanghaiMonth(at: Date | string): string {
  const d = new Date(new Date(at).getTime() + SHANGHAI_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const total = y * 12 + (m - 1) + by;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

export function shortMonthLabel(month: string): string {
  return `${Number(month.split('-')[1])}月`;
}

/** noShowRate is a share (0–1); shown as a whole percentage. */
export function rateText(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

export function categorySpec(stats: TAttendanceStats): ChartSpec {
  const rows = stats.byCategory.filter((r) => r.activities > 0 || r.registrations > 0);
  return {
    kind: 'bar',
    labels: rows.map((r) => CATEGORY_LABELS[r.category]),
    series: [
      { name: '报名人数', color: RED, values: rows.map((r) => r.registrations) },
      { name: '签到人数', color: GREEN, values: rows.map((r) => r.checkins) },
    ],
  };
}

export function monthSpec(stats: TAttendanceStats): ChartSpec {
  const rows = [...stats.byMonth].sort((a, b) => a.month.localeCompare(b.month));
  return {
    kind: 'line',
    labels: rows.map((r) => shortMonthLabel(r.month)),
    series: [
      { name: '报名人数', color: RED, values: rows.map((r) => r.registrations) },
      { name: '签到人数', color: GREEN, values: rows.map((r) => r.checkins) },
    ],
  };
}

/** "09:40" in Asia/Shanghai. */
export function clockLabel(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_MS);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** "11/28 09时": sign-ups run over days, so the hour carries its date. */
export function hourLabel(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_MS);
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()} ${String(d.getUTCHours()).padStart(2, '0')}时`;
}

export function signupSpec(stats: TActivityStats): ChartSpec {
  const rows = [...stats.signups].sort((a, b) => a.at.localeCompare(b.at));
  return { kind: 'line', labels: rows.map((r) => hourLabel(r.at)), series: [{ name: '累计报名人数', color: RED, values: rows.map((r) => r.count) }] };
}

export function checkinSpec(stats: TActivityStats): ChartSpec {
  const rows = [...stats.checkins].sort((a, b) => a.at.localeCompare(b.at));
  return { kind: 'bar', labels: rows.map((r) => clockLabel(r.at)), series: [{ name: '每10分钟签到人数', color: BLUE, values: rows.map((r) => r.count) }] };
}
