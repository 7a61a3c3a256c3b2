// How a spreadsheet's columns become import rows (api.md "Spreadsheets"): headers may be the JSON
// field names or the Chinese ones; cells may be what Excel stores (numbers, date cells) or what a
// person types (Chinese plan and status labels, 2026/3/1, ¥1,234.50). Each cell becomes what the
// JSON import takes, and the JSON import's schema then judges the row. A cell that cannot be
// converted rejects its row alone, naming the column, never quoting the value.
import { CsvRowProblem } from '../../csv.js';
import { fileProblem, type Cell, type Table } from './read-table.js';
import { CLAIM_STATUS_LABELS, PLAN_NAMES } from '../../../../shared/domain/claims.js';
import { STATION_SERVICE_LABELS, STATION_SERVICES } from '../../../../shared/contract-stations.js';

type Kind = 'text' | 'code' | 'idNumber' | 'phone' | 'date' | 'datetime' | 'fen' | 'yuan' | 'int' | 'plan' | 'status' | 'groups' | 'number' | 'services';
/** `aliases`: other Chinese headers people write for the same column (matched like `header`). */
type Column = { field: string; header: string; aliases?: string[]; kind: Kind; required?: boolean };
export type ImportKind = 'members' | 'claims' | 'coverage' | 'stations' | 'aidPayments';

export const GROUP_LABELS: Record<string, string> = { 困难职工: 'hardship', 劳模: 'model_worker', 新就业形态: 'gig_worker', 一线职工: 'frontline' };

/** Every import's columns: the Chinese header first (what templates use), then the JSON field name. */
export const COLUMNS: Record<ImportKind, Column[]> = {
  members: [
    { field: 'name', header: '姓名', kind: 'text', required: true },
    { field: 'idNumber', header: '身份证号', kind: 'idNumber', required: true },
    { field: 'phone', header: '手机号', kind: 'phone', required: true },
    { field: 'memberNo', header: '会员编号', kind: 'text' },
    { field: 'groups', header: '会员类别', kind: 'groups' },
    // issue #17: members with the same 户号 are one family (aid review); an empty cell keeps the roster's
    { field: 'householdNo', header: '户号', aliases: ['家庭户号', '户口簿户号', '户籍户号'], kind: 'code' },
  ],
  claims: [
    { field: 'claimNo', header: '申请编号', kind: 'text', required: true },
    { field: 'idNumber', header: '身份证号', kind: 'idNumber', required: true },
    { field: 'plan', header: '保障项目', kind: 'plan', required: true },
    { field: 'status', header: '状态', kind: 'status', required: true },
    { field: 'incidentDate', header: '出险日期', kind: 'date', required: true },
    { field: 'submittedAt', header: '申请时间', kind: 'datetime', required: true },
    { field: 'amountClaimedFen', header: '申请金额（元）', kind: 'yuan', required: true },
    { field: 'amountApprovedFen', header: '核定金额（元）', kind: 'yuan' },
    { field: 'amountPaidFen', header: '实付金额（元）', kind: 'yuan' },
    { field: 'paidAt', header: '支付时间', kind: 'datetime' },
    { field: 'rejectReason', header: '不予给付原因', kind: 'text' },
    { field: 'note', header: '备注', kind: 'text' },
    { field: 'at', header: '变更时间', kind: 'datetime', required: true },
  ],
  coverage: [
    { field: 'idNumber', header: '身份证号', kind: 'idNumber', required: true },
    { field: 'plan', header: '保障项目', kind: 'plan', required: true },
    { field: 'year', header: '年度', kind: 'int', required: true },
    { field: 'startsOn', header: '开始日期', kind: 'date', required: true },
    { field: 'endsOn', header: '结束日期', kind: 'date', required: true },
  ],
  // love stations (issue #18)
  stations: [
    { field: 'name', header: '名称', kind: 'text', required: true },
    { field: 'address', header: '地址', kind: 'text', required: true },
    { field: 'lat', header: '纬度', kind: 'number', required: true },
    { field: 'lng', header: '经度', kind: 'number', required: true },
    { field: 'openingHours', header: '开放时间', kind: 'text', required: true },
    { field: 'services', header: '服务', kind: 'services', required: true },
    { field: 'phone', header: '电话', kind: 'text' },
  ],
  // aid payment results (issue #17): a date alone is Beijing midnight of that day
  aidPayments: [
    { field: 'applicationId', header: '申请编号', kind: 'text', required: true },
    { field: 'paidAt', header: '发放日期', kind: 'datetime', required: true },
  ],
};

/** 服务 cells: the labels the app shows, a few everyday words for them, or the JSON names. */
const SERVICE_WORDS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(STATION_SERVICE_LABELS).map(([k, v]) => [v, k])),
  喝水: 'water', 热水: 'water', 饮用水: 'water', 热餐: 'hot_meal', 热饭菜: 'hot_meal', 加热饭菜: 'hot_meal',
  手机充电: 'charging', 电动车充电: 'charging', 厕所: 'toilet', 卫生间: 'toilet', 洗手间: 'toilet',
  歇脚: 'rest', 休息区: 'rest', 急救: 'first_aid', 药箱: 'first_aid', 医药箱: 'first_aid', 冷暖空调: 'air_conditioning',
};

/** Spaces dropped, ASCII parentheses read as the full-width ones api.md writes. */
const normalizeHeader = (h: string) => h.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

type Bound = { column: Column; kind: Kind; index: number; header: string };

/** The file's header against the import's columns; a header that cannot be trusted refuses the file. */
function bindHeader(table: Table, kind: ImportKind): Bound[] {
  const columns = COLUMNS[kind];
  const bound: Bound[] = [];
  const unknown: string[] = [];
  table.header.forEach((raw, index) => {
    const h = normalizeHeader(raw);
    if (h === '') return; // an unnamed column (a note beside the table) is ignored
    const byChinese = columns.find((c) => [c.header, ...(c.aliases ?? [])].some((name) => normalizeHeader(name) === h));
    const byField = columns.find((c) => c.field === h);
    // JSON amount fields are fen; the Chinese amount headers are yuan.
    if (byChinese) bound.push({ column: byChinese, kind: byChinese.kind, index, header: raw });
    else if (byField) bound.push({ column: byField, kind: byField.kind === 'yuan' ? 'fen' : byField.kind, index, header: raw });
    else unknown.push(raw);
  });
  const available = `可用的列：${columns.map((c) => c.header).join('、')}`;
  if (unknown.length) {
    // A file saved without its header row has a member's data in the first line: names are quoted
    // back only when none holds a digit (ID numbers, phones) and each is short.
    const quotable = unknown.every((h) => !/\d/.test(h) && h.length <= 12);
    throw fileProblem(quotable ? `无法识别的列：${unknown.slice(0, 5).join('、')}；${available}` : `第一行应为列名，请检查文件是否缺少表头；${available}`);
  }
  const repeated = columns.filter((c) => bound.filter((b) => b.column === c).length > 1);
  if (repeated.length) throw fileProblem(`列重复：${repeated.map((c) => c.header).join('、')}`);
  const missing = columns.filter((c) => c.required && !bound.some((b) => b.column === c));
  if (missing.length) throw fileProblem(`缺少必需的列：${missing.map((c) => c.header).join('、')}`);
  return bound;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included); days as a serial number.
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const fromSerial = (n: number) => new Date(EXCEL_EPOCH + Math.round(n * 86_400_000));

/** A date cell's wall-clock parts: Excel stores no zone, exceljs hands them as UTC fields. */
function wallClock(d: Date): { date: string; time: string } {
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
  };
}

const TEXT_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$/;

/** 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, each optionally with a time: as date and time parts. */
function textDate(s: string): { date: string; time: string | null } | null {
  const m = TEXT_DATE.exec(s);
  if (!m) return null;
  const date = `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  return { date, time: m[4] === undefined ? null : `${pad(Number(m[4]))}:${m[5]}:${m[6] ?? '00'}` };
}

const asDate = (c: Cell): Date | null => (c instanceof Date ? c : typeof c === 'number' && c > 0 && c < 2_958_466 ? fromSerial(c) : null);

/** Yuan as text ("1234.5", "¥1,234.50", "1234元") to fen, exactly; null when it is not an amount. */
export function yuanToFen(text: string): number | null {
  const t = text.replace(/^[¥￥]/, '').replace(/元$/, '').replace(/,/g, '').trim();
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const PLAN_OF = new Map<string, string>(Object.entries(PLAN_NAMES).map(([k, v]) => [v, k]));
const STATUS_OF = new Map<string, string>(Object.entries(CLAIM_STATUS_LABELS).map(([k, v]) => [v, k]));

class CellProblem extends Error {}

/** One cell as the JSON import's value; undefined = left out. */
function convert(kind: Kind, c: Cell): unknown {
  // An empty cell of a list column is the empty list (会员类别: no groups), whether the file is
  // .xlsx (an absent cell) or .csv (an empty string).
  if (c === null) return kind === 'groups' || kind === 'services' ? [] : undefined;
  if (typeof c === 'object' && !(c instanceof Date)) throw new CellProblem('单元格是错误值（如 #N/A），请改正后重新导入');
  if (typeof c === 'string' && c.trim() === '') return kind === 'groups' || kind === 'services' ? [] : undefined;
  if (typeof c === 'boolean') return String(c);
  const text = typeof c === 'string' ? c.trim() : null;
  switch (kind) {
    case 'text':
      if (c instanceof Date) throw new CellProblem('应为文字，不能是日期');
      return text ?? String(c);
    case 'code':
      // An identifier written with digits (户号): a whole number is its digits; a number the
      // spreadsheet cannot keep exactly (over 15 digits, decimals) has already lost some of them.
      if (c instanceof Date) throw new CellProblem('应为文字，不能是日期');
      if (typeof c === 'number') {
        if (Number.isSafeInteger(c) && c >= 0 && String(c).length <= 15) return String(c);
        throw new CellProblem('数字过长或带小数，请把该列设为“文本”后重新填写');
      }
      return text ?? String(c);
    case 'idNumber':
      // An 18-digit number is beyond what a spreadsheet number keeps exactly: its last digits are already lost.
      if (text === null) throw new CellProblem('身份证号须保存为文本（数字格式会丢失末几位），请把该列设为“文本”后重新填写');
      return text;
    case 'phone':
      if (typeof c === 'number') return Number.isInteger(c) ? String(c) : '';
      if (text === null) throw new CellProblem('手机号码格式不正确');
      return text.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    case 'date': {
      const d = asDate(c);
      if (d) return wallClock(d).date;
      const t = text !== null ? textDate(text) : null;
      return t ? t.date : (text ?? String(c));
    }
    case 'datetime': {
      const d = asDate(c);
      if (d) {
        const w = wallClock(d);
        return `${w.date}T${w.time}+08:00`;
      }
      if (text === null) return String(c);
      const t = textDate(text);
      // A time without a zone is Beijing time, as the people who fill these files mean it.
      return t ? `${t.date}T${t.time ?? '00:00:00'}+08:00` : text;
    }
    case 'fen':
      if (typeof c === 'number') return c;
      if (text !== null && /^\d{1,15}$/.test(text)) return Number(text);
      return text ?? String(c);
    case 'yuan': {
      if (c instanceof Date) throw new CellProblem('金额应为数字（单位：元）');
      const fen = yuanToFen(typeof c === 'number' ? String(c) : (text as string));
      if (fen === null) throw new CellProblem('金额应为以元为单位的数字，最多两位小数');
      return fen;
    }
    case 'int':
      if (typeof c === 'number') return c;
      if (text !== null && /^\d{1,6}年?$/.test(text)) return Number(text.replace('年', ''));
      return text ?? String(c);
    case 'plan':
      return text !== null ? (PLAN_OF.get(text) ?? text) : String(c);
    case 'status':
      return text !== null ? (STATUS_OF.get(text) ?? text) : String(c);
    case 'number':
      if (typeof c === 'number') return c;
      if (c instanceof Date) throw new CellProblem('应为数字，不能是日期');
      if (text !== null && /^-?\d{1,3}(\.\d+)?$/.test(text)) return Number(text);
      throw new CellProblem('应为数字（度，如 34.7466）');
    case 'services': {
      if (text === null) throw new CellProblem(`服务只能是：${Object.values(STATION_SERVICE_LABELS).join('、')}（多个用顿号分隔）`);
      const parts = text.split(/[、,，;；\/\s]+/).filter(Boolean);
      const codes = parts.map((p) => SERVICE_WORDS[p] ?? ((STATION_SERVICES as readonly string[]).includes(p) ? p : null));
      if (codes.some((x) => x === null)) throw new CellProblem(`服务只能是：${Object.values(STATION_SERVICE_LABELS).join('、')}（多个用顿号分隔）`);
      return [...new Set(codes)];
    }
    case 'groups': {
      if (text === null) throw new CellProblem('会员类别只能是困难职工、劳模、新就业形态、一线职工');
      const parts = text.split(/[、,，;；\/\s]+/).filter(Boolean);
      const groups = parts.map((p) => GROUP_LABELS[p] ?? (Object.values(GROUP_LABELS).includes(p) ? p : null));
      if (groups.some((g) => g === null)) throw new CellProblem('会员类别只能是困难职工、劳模、新就业形态、一线职工（多个用顿号分隔）');
      return [...new Set(groups)];
    }
  }
}

export type SheetRows = {
  rows: (Record<string, unknown> | CsvRowProblem)[];
  /** per row (same order): its row number in the file */
  rowNumbers: number[];
  /** the file's header for each field, to name columns in rejections */
  headerOf: Map<string, string>;
  headerRow: number;
};

/** The table's data rows as JSON import rows; a cell that cannot be converted rejects its row alone. */
export function sheetRows(table: Table, kind: ImportKind): SheetRows {
  const bound = bindHeader(table, kind);
  if (table.rows.length === 0) throw fileProblem('至少需要一行数据');
  const headerOf = new Map(bound.map((b) => [b.column.field, b.header]));
  const rows = table.rows.map(({ cells }) => {
    const out: Record<string, unknown> = {};
    for (const b of bound) {
      try {
        const v = convert(b.kind, cells[b.index] ?? null);
        if (v !== undefined) out[b.column.field] = v;
      } catch (err) {
        if (err instanceof CellProblem) return new CsvRowProblem(`${b.header}：${err.message}`, b.column.field);
        throw err;
      }
    }
    return out;
  });
  return { rows, rowNumbers: table.rows.map((r) => r.row), headerOf, headerRow: table.headerRow };
}

/** A JSON import's answer in the file's terms: index from the header, row numbers, columns as headed. */
export function inFileTerms<R extends { rejected: { index: number; column?: string }[]; landed: { index: number }[] }>(result: R, sheet: SheetRows): R {
  const indexOf = (i: number) => sheet.rowNumbers[i] - sheet.headerRow - 1;
  return {
    ...result,
    rejected: result.rejected.map((r) => ({
      ...r,
      index: indexOf(r.index),
      row: sheet.rowNumbers[r.index],
      ...(r.column !== undefined ? { column: sheet.headerOf.get(r.column) ?? r.column } : {}),
    })),
    landed: result.landed.map((l) => ({ ...l, index: indexOf(l.index) })),
  };
}

