// CSV *parsing* (RFC 4180) for spreadsheet uploads: the mutual-aid system exports its decisions
// as CSV, and people open and re-save them in Excel or WPS, so a BOM, CRLF or LF line ends,
// quoted fields with commas, quotes and line breaks inside them all have to work.
import { AppError } from './errors.js';

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** A data line that cannot become a row (wrong number of fields); the import rejects it alone. */
export class CsvRowProblem {
  constructor(
    readonly message: string,
    /** the field at fault, when one is (spreadsheet cells) */
    readonly column?: string,
  ) {}
}

/**
 * Splits CSV text into records of raw fields, each with the line it starts on. A leading UTF-8
 * BOM is dropped; blank lines are skipped. Throws CsvSyntaxError for an unterminated quote or a
 * stray quote: either would silently shift every field after it.
 */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = '';
  // 'start': nothing read in this field yet; 'plain': unquoted text; 'quoted': inside quotes;
  // 'closed': after a closing quote, where only a comma or a line end may follow.
  let state: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;

  const endRecord = () => {
    const blank = fields.length === 0 && field === '' && state === 'start';
    fields.push(field);
    if (!blank) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    state = 'start';
  };

  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (state === 'quoted') {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else state = 'closed';
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      state = 'start';
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && src[i + 1] === '\n') i++;
      line++;
      recordLine = line;
      continue;
    }
    if (state === 'closed') throw new CsvSyntaxError(`第${line}行：引号后面只能是逗号或换行`, line);
    if (c === '"') {
      if (state !== 'start') throw new CsvSyntaxError(`第${line}行：未加引号的内容中出现了引号`, line);
      state = 'quoted';
      quoteLine = line;
      continue;
    }
    state = 'plain';
    field += c;
  }
  if (state === 'quoted') throw new CsvSyntaxError(`第${quoteLine}行的引号没有闭合`, quoteLine);
  endRecord(); // the last line need not end with a line break; a blank one is skipped
  return records;
}

/**
 * CSV with a header row of field names into one object per data line, for a schema to check.
 * Cells are trimmed; an empty cell is an absent field; cells of `numeric` columns that are whole
 * numbers become numbers (anything else stays text, and the schema says what is wrong with it).
 * A header naming an unknown or missing column refuses the whole file: a misspelt column would
 * otherwise drop its data silently.
 */
export function csvRecords(
  text: string,
  options: { columns: readonly string[]; required: readonly string[]; numeric?: readonly string[]; maxRows: number },
): (Record<string, string | number> | CsvRowProblem)[] {
  let records: { fields: string[]; line: number }[];
  try {
    records = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw fileProblem(`CSV 格式错误：${err.message}`);
    throw err;
  }
  const [headerRecord, ...data] = records;
  if (!headerRecord) throw fileProblem('CSV 文件是空的，第一行应为列名');
  const header = headerRecord.fields.map((h) => h.trim());
  const known = new Set(options.columns);
  const unknown = header.filter((h) => !known.has(h));
  if (unknown.length) {
    // A file saved without its header row has a member's data (ID number, medical note) in the
    // first line: the names are quoted back only when every one looks like a column name.
    const available = `可用的列：${options.columns.join(', ')}`;
    const allNames = unknown.every((h) => /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(h));
    throw fileProblem(allNames ? `无法识别的列：${unknown.slice(0, 5).join('、')}；${available}` : `第一行应为列名，请检查文件是否缺少表头；${available}`);
  }
  const duplicated = header.filter((h, i) => header.indexOf(h) !== i);
  if (duplicated.length) throw fileProblem(`列名重复：${[...new Set(duplicated)].join('、')}`);
  const missing = options.required.filter((c) => !header.includes(c));
  if (missing.length) throw fileProblem(`缺少必需的列：${missing.join('、')}`);
  if (data.length === 0) throw fileProblem('至少需要一行数据');
  if (data.length > options.maxRows) throw fileProblem(`一次最多导入${options.maxRows}行`);

  const numeric = new Set(options.numeric ?? []);
  return data.map(({ fields }) => {
    if (fields.length !== header.length) return new CsvRowProblem(`该行有${fields.length}列，与表头的${header.length}列不一致`);
    const row: Record<string, string | number> = {};
    header.forEach((name, i) => {
      const cell = fields[i].trim();
      if (cell === '') return;
      row[name] = numeric.has(name) && /^-?\d{1,15}$/.test(cell) ? Number(cell) : cell;
    });
    return row;
  });
}

function fileProblem(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: [{ path: 'csv', message }] });
}
