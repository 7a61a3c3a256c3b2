// A spreadsheet as a table of cells: the first non-blank row names the columns, every later
// non-blank row is data, each with its row number in the file. `.xlsx` is read with exceljs's
// streaming reader (the sheet's XML is parsed as it is unzipped, never held as one document),
// `.csv` with the RFC 4180 parser of csv.ts.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '../../errors.js';
import { CsvSyntaxError, parseCsv } from '../../csv.js';

export type Cell = string | number | boolean | Date | null | { error: string };
export type TableRow = { row: number; cells: Cell[] };
export type Table = { header: string[]; headerRow: number; rows: TableRow[] };

/** Columns beyond this are ignored: no import has more than 13. */
const MAX_COLUMNS = 64;

export function fileProblem(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: [{ path: 'file', message }] });
}

/** exceljs cell values (rich text, formulas, hyperlinks, errors) as plain values. */
function plain(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((t) => String(t.text ?? '')).join('');
    if ('formula' in o || 'sharedFormula' in o) return plain(o.result);
    if ('text' in o) return plain(o.text);
    if ('error' in o) return { error: String(o.error) };
  }
  return null;
}

const isBlank = (c: Cell) => c === null || (typeof c === 'string' && c.trim() === '');

function tableOf(rows: Iterable<TableRow>, maxRows: number): Table {
  let header: string[] | null = null;
  let headerRow = 1;
  const data: TableRow[] = [];
  for (const r of rows) {
    if (r.cells.every(isBlank)) continue;
    if (!header) {
      header = r.cells.map((c) => (c === null || typeof c === 'object' ? '' : String(c).trim()));
      headerRow = r.row;
      continue;
    }
    if (data.length >= maxRows) throw fileProblem(`一次最多导入${maxRows}行数据`);
    data.push(r);
  }
  if (!header) throw fileProblem('文件是空的：第一行应为列名');
  if (data.length === 0) throw fileProblem('至少需要一行数据');
  return { header, headerRow, rows: data };
}

/** The first worksheet of an `.xlsx` file. A file that is not one (or is encrypted, or `.xls`) is refused whole. */
export async function readXlsxTable(file: Buffer, maxRows: number): Promise<Table> {
  // An .xlsx is a ZIP archive; anything else (an empty body, an old .xls) is refused before the
  // unzipper sees it, which waits forever on some inputs that end too soon.
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50) throw fileProblem('无法读取该 Excel 文件：请上传 .xlsx 格式（不支持 .xls、加密或损坏的文件）');
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(fileProblem('无法读取该 Excel 文件：文件已损坏或不完整')), XLSX_READ_TIMEOUT_MS);
  });
  try {
    return await Promise.race([readXlsxRows(file, maxRows), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A damaged archive can leave the unzipper waiting for bytes that never come: give up well before the function's limit. */
const XLSX_READ_TIMEOUT_MS = 40_000;

async function readXlsxRows(file: Buffer, maxRows: number): Promise<Table> {
  const rows: TableRow[] = [];
  let sawSheet = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
      sharedStrings: 'cache',
      styles: 'cache', // date cells are told from numbers by their number format
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      sawSheet = true;
      let nonBlank = 0;
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let col = 1; col < Math.min(values.length, MAX_COLUMNS + 1); col++) cells.push(plain(values[col]));
        if (cells.every(isBlank)) continue;
        // header + maxRows data rows; one more proves the file is too long
        if (++nonBlank > maxRows + 2) throw fileProblem(`一次最多导入${maxRows}行数据`);
        rows.push({ row: row.number, cells });
      }
      break; // only the first worksheet
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileProblem('无法读取该 Excel 文件：请上传 .xlsx 格式（不支持 .xls、加密或损坏的文件）');
  }
  if (!sawSheet) throw fileProblem('无法读取该 Excel 文件：文件中没有工作表');
  return tableOf(rows, maxRows);
}

/** A CSV text (UTF-8, optional BOM) as a table; a broken quote refuses the whole file. */
export function readCsvTable(text: string, maxRows: number): Table {
  let records: { fields: string[]; line: number }[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw fileProblem(`CSV 格式错误：${err.message}`);
    throw err;
  }
  return tableOf(
    records.map((r) => ({ row: r.line, cells: r.fields.slice(0, MAX_COLUMNS) })),
    maxRows,
  );
}

/** Bytes as UTF-8 text; a file saved as GBK (Excel's default "CSV" in Chinese Windows) is refused with advice. */
export function csvText(bytes: Buffer): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    throw fileProblem('CSV 文件须为 UTF-8 编码：请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件');
  }
}
