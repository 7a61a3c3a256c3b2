// CSV that Excel opens correctly on a Chinese Windows machine: UTF-8 with a byte-order mark (without
// it Excel guesses GBK and shows mojibake), CRLF line ends, cells quoted per RFC 4180.

export type CsvValue = string | number | null | undefined;

// A cell beginning with one of these is run as a formula by Excel and WPS (CSV injection): a
// member name like "=HYPERLINK(…)" would become a live link in the cadre's spreadsheet.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula starts neutralised with a leading ', quoted when it holds " , CR or LF. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: BOM, the header row, then the rows. */
export function writeCsv(header: string[], rows: CsvValue[][]): string {
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Content-Disposition for a download: an ASCII fallback name for old clients and the real
 * (Chinese) name in RFC 5987's filename*, which WeChat's and every current browser's download use.
 */
export function attachmentDisposition(filename: string, asciiFallback: string): string {
  const safe = filename.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_');
  const fallback = asciiFallback.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRFC5987(safe)}`;
}

function encodeRFC5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
