import { csvText, readCsvTable, readXlsxTable } from './read-table.js';
import { inFileTerms, sheetRows, type ImportKind } from './sheet-columns.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
/** api.md "Spreadsheets": a file is at most 4 MB. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** A roster file may hold a whole city district (issue #14: 100,000 rows in one request). */
export const MAX_ROSTER_ROWS = 100_000;
/** Claims and coverage land in one transaction: a year of a mutual-aid system's decisions. */
export const MAX_CLAIMS_ROWS = 20_000;

type ImportAnswer = { rejected: { index: number; column?: string }[]; landed: { index: number }[] };

/**
 * A spreadsheet (`.xlsx` or UTF-8 `.csv`) through the JSON import `run`: its rows become the JSON
 * rows, and the answer speaks of the file (row numbers, columns as headed in it).
 */
export async function importSpreadsheet<R extends ImportAnswer>(options: { kind: ImportKind; file: Buffer; type: string; maxRows: number; run: (rows: unknown[]) => Promise<R> }): Promise<R> {
  const table = options.type === XLSX_TYPE ? await readXlsxTable(options.file, options.maxRows) : readCsvTable(csvText(options.file), options.maxRows);
  const sheet = sheetRows(table, options.kind);
  return inFileTerms(await options.run(sheet.rows), sheet);
}
