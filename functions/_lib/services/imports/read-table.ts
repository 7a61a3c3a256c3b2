// A spreadsheet as a table of cells: the first non-blank row names the columns, every later
// non-blank row is data, each with its row number in the file. `.xlsx` is read with exceljs's
// streaming reader (the sheet's XML is parsed as it is unzipped, never held as one document),
// `.csv` with the RFC 4180 parser of csv.ts.
import { Readable } from 'node:stream';
import ExcelJS, { type Row, zipDirectory } from '../../exceljs.js';
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
  return { header, headerRow, rows: data };
}

/** The first worksheet of an `.xlsx` file. A file that is not one (or is encrypted, or `.xls`) is refused whole. */
export async function readXlsxTable(file: Buffer, maxRows: number): Promise<Table> {
  // An .xlsx is a ZIP archive; anything else (an empty body, an old .xls) is refused before the
  // unzipper sees it, which waits forever on some inputs that end too soon.
  if (file.length < 22 || file.readUInt32LE(0) !== 0x04034b50) throw fileProblem('无法读取该 Excel 文件：请上传 .xlsx 格式（不支持 .xls、加密或损坏的文件）');
  let directory: Awaited<ReturnType<typeof zipDirectory>>;
  try {
    directory = await zipDirectory(file);
  } catch {
    throw fileProblem('无法读取该 Excel 文件：文件已损坏或不完整，请重新保存后上传');
  }
  if (!directory.entries.some((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e))) throw fileProblem('无法读取该 Excel 文件：文件中没有工作表');
  if (directory.uncompressedBytes > MAX_UNCOMPRESSED_BYTES) throw fileProblem('文件解压后过大，请拆分后分批导入');
  // A watchdog: a damaged entry can leave the streaming unzipper waiting for bytes that never
  // come. Reading makes steady progress (bytes pulled, rows read); a stall means it never will.
  const progress = { at: Date.now() };
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setInterval(() => {
      if (Date.now() - progress.at > XLSX_STALL_MS || Date.now() - started > XLSX_READ_TIMEOUT_MS) reject(fileProblem('无法读取该 Excel 文件：文件已损坏或不完整，请重新保存后上传'));
    }, 250);
  });
  try {
    return await Promise.race([readXlsxRows(file, maxRows, progress), stalled]);
  } finally {
    clearInterval(timer);
  }
}

/** The file in 64 KB pieces, each one pulled marking progress. */
function source(file: Buffer, progress: { at: number }): Readable {
  let offset = 0;
  return new Readable({
    read() {
      progress.at = Date.now();
      if (offset >= file.length) return void this.push(null);
      this.push(file.subarray(offset, offset + 65536));
      offset += 65536;
    },
  });
}

/** 100,000 roster rows unpack to about 40 MB of XML; far more than that is not a roster. */
const MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;

/** Give up well before the function's own limit; and after this long without any progress. */
const XLSX_READ_TIMEOUT_MS = 60_000;
const XLSX_STALL_MS = 3_000;

async function readXlsxRows(file: Buffer, maxRows: number, progress: { at: number }): Promise<Table> {
  const rows: TableRow[] = [];
  let sawSheet = false;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source(file, progress), {
      sharedStrings: 'cache',
      styles: 'cache', // date cells are told from numbers by their number format
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      sawSheet = true;
      let nonBlank = 0;
      for await (const row of sheet as AsyncIterable<Row>) {
        const values = row.values as unknown[];
        const cells: Cell[] = [];
        for (let col = 1; col < Math.min(values.length, MAX_COLUMNS + 1); col++) cells.push(plain(values[col]));
        progress.at = Date.now();
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
