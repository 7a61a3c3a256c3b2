import type { TImportRejection } from '../../services/contract';

/**
 * Where a rejected row is, in the words of the spreadsheet the person holds: "第 5 行 · 身份证号".
 * The server gives `row` for .xlsx; otherwise the header is row 1, so index 0 is row 2.
 */
export function rejectionPlace(r: TImportRejection): string {
  const where = `第 ${r.row ?? r.index + 2} 行`;
  return r.column ? `${where} · ${r.column}` : where;
}
