// The roster page's pure parts: which rows a filter shows, and the export's file name.
import type { TRosterEntry } from '../services/contract';

export type RosterFilter = 'all' | 'checked_in' | 'not_yet' | 'waitlisted' | 'cancelled';

export function filterRoster(items: TRosterEntry[], f: RosterFilter): TRosterEntry[] {
  switch (f) {
    case 'all':
      return items;
    case 'checked_in':
      return items.filter((e) => e.status === 'checked_in');
    case 'not_yet':
      return items.filter((e) => e.status === 'confirmed');
    case 'waitlisted':
      return items.filter((e) => e.status === 'waitlisted');
    case 'cancelled':
      return items.filter((e) => e.status === 'cancelled');
  }
}

/** "签到名单-职工健康讲座-20261201.csv": characters a file system dislikes are dropped. */
export function rosterFileName(title: string, now: Date): string {
  const d = new Date(now.getTime() + 8 * 3600 * 1000);
  const ymd = `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  const safe = title.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 30) || '活动';
  return `签到名单-${safe}-${ymd}.csv`;
}
