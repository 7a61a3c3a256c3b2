// Every time a person sees is Asia/Shanghai (UTC+8, no daylight saving since 1991),
// computed by offset so it does not depend on the phone's time zone or ICU data.
const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

function shanghaiParts(iso: string | Date) {
  const t = (typeof iso === 'string' ? new Date(iso) : iso).getTime() + SHANGHAI_OFFSET_MS;
  const d = new Date(t);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 2026-12-01T01:00:00Z → "2026年12月1日 09:00" */
export function formatDateTime(iso: string | Date): string {
  const p = shanghaiParts(iso);
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "12月1日 周二 09:00" — the short form used in lists. */
export function formatShortDateTime(iso: string | Date): string {
  const p = shanghaiParts(iso);
  return `${p.month}月${p.day}日 周${WEEKDAYS[p.weekday]} ${pad(p.hour)}:${pad(p.minute)}`;
}

export function formatTime(iso: string | Date): string {
  const p = shanghaiParts(iso);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** A date-only value ("2026-01-01") as "2026年1月1日". */
export function formatDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** ISO 8601 with the +08:00 offset, as the API answers. */
export function toShanghaiIso(value: string | Date): string {
  const p = shanghaiParts(value);
  const ms = (typeof value === 'string' ? new Date(value) : value).getUTCSeconds();
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(ms)}+08:00`;
}

/**
 * Times the service stores and shows lie in 1900–2100. PostgreSQL takes a year typed as 0026
 * (26 AD, or BC once an offset moves it back), and it then comes back as a time no client can
 * read, breaking every list that holds it.
 */
export function isServiceableTime(iso: string): boolean {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return false;
  // The year people see: the time in Asia/Shanghai, as the error message names it.
  const year = new Date(t + SHANGHAI_OFFSET_MS).getUTCFullYear();
  return year >= 1900 && year <= 2100;
}
