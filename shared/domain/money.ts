/** Integer fen to "1,234.50" yuan; money never passes through floating point. */
export function formatYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

/**
 * What a person types as yuan ("1234", "1234.5", "1,234.56", "¥88") to integer fen, exactly (no
 * floating point: the digits are read as text); null for anything else, more than two decimals,
 * or more than 12 digits of yuan.
 */
export function yuanTextToFen(text: string): number | null {
  const t = text.trim().replace(/^[¥￥]/, '').replace(/元$/, '').replace(/[,，]/g, '').trim();
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
