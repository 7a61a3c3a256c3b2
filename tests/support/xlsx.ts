// Spreadsheets for tests, written the way Excel and WPS write them (shared strings, date cells
// with a date format, numbers as numbers) by exceljs, which the product reads them with too.
import ExcelJS from 'exceljs';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An `.xlsx` whose first sheet holds `rows` (the first is the header). Date values become date cells. */
export async function xlsxOf(rows: unknown[][], options: { sheets?: { name: string; rows: unknown[][] }[] } = {}): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  for (const r of rows) {
    const row = sheet.addRow(r);
    r.forEach((v, i) => {
      if (v instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
    });
  }
  for (const extra of options.sheets ?? []) {
    const s = book.addWorksheet(extra.name);
    for (const r of extra.rows) s.addRow(r);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A large roster quickly: the streaming writer, shared strings off (inline), as big exports are. */
export async function bigRosterXlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheet = book.addWorksheet('名册');
  for (const r of rows) sheet.addRow(r).commit();
  sheet.commit();
  await book.commit();
  return Buffer.concat(chunks);
}

/** Reads the first sheet of an `.xlsx` back as rows of plain values. */
export async function rowsOf(file: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  book.worksheets[0].eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}
