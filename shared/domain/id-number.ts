// 居民身份证号码 (GB 11643-1999): 17 digits + a check character from ISO 7064 MOD 11-2.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function isRealDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  // Nobody on a roster is born in the future (a mistyped year such as 2100 would otherwise pass).
  if (date.getTime() > Date.now() + 14 * 3600_000) return false;
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function isValidIdNumber(raw: string): boolean {
  const id = normalizeIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  if (!isRealDate(id.slice(6, 14))) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17];
}

/** 110***********1234: region prefix and last four only. */
export function maskIdNumber(raw: string): string {
  const id = normalizeIdNumber(raw);
  return id.slice(0, 3) + '*'.repeat(Math.max(0, id.length - 7)) + id.slice(-4);
}
