import ExcelJS from '../../exceljs.js';
import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { COLUMNS, type ImportKind } from './sheet-columns.js';

// One example row per import, in the form people fill in: Chinese labels, yuan, date cells.
// The example person is fictitious (and her ID number's check character is wrong on purpose, so
// that a template sent back unchanged lands nobody).
const EXAMPLE_ID = '410105199001010010';
const EXAMPLES: Record<ImportKind, Record<string, unknown>> = {
  members: { name: '示例张三', idNumber: EXAMPLE_ID, phone: '13800138000', memberNo: 'ZZ-0001', groups: '一线职工、劳模', householdNo: '410105000123' },
  claims: {
    claimNo: 'HZ2026-0001', idNumber: EXAMPLE_ID, plan: '意外伤害互助保障', status: '审核中', incidentDate: new Date(Date.UTC(2026, 2, 2)),
    submittedAt: new Date(Date.UTC(2026, 2, 10, 9, 0)), amountClaimedFen: 5000, amountApprovedFen: null, amountPaidFen: null, paidAt: null,
    rejectReason: null, note: '材料已收齐', at: new Date(Date.UTC(2026, 2, 11, 9, 0)),
  },
  coverage: { idNumber: EXAMPLE_ID, plan: '在职职工互助保障', year: 2026, startsOn: new Date(Date.UTC(2026, 0, 1)), endsOn: new Date(Date.UTC(2026, 11, 31)) },
  aidPayments: { applicationId: '0', paidAt: new Date(Date.UTC(2026, 8, 1)) },
  stations: { name: '示例路环卫驿站', address: '郑州市金水区示例路1号', lat: '34.7466', lng: '113.6253', openingHours: 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', services: '饮水、热饭、充电、如厕', phone: '0371-12345678' },
};

const NOTES: Record<ImportKind, string[]> = {
  members: [
    '身份证号、手机号请设为文本格式。会员类别可填：困难职工、劳模、新就业形态、一线职工，多个用顿号分隔。',
    '户号（可空）为户口簿上的户号，最多40个字，请设为文本格式；同一户号的会员视为一家人，不能审核家人的帮扶申请。留空不改变名册中已有的户号。',
  ],
  claims: ['保障项目、状态可填小程序中显示的名称；金额单位为元（最多两位小数）；时间为北京时间。'],
  coverage: ['保障项目可填小程序中显示的名称；日期可为日期格式或 2026-01-01 这样的文字。'],
  aidPayments: ['申请编号为帮扶申请的编号（审核列表中显示）；发放日期可为日期格式或 2026-09-01 这样的文字，按北京时间。每个已公示的申请一行，发放后会员看到“已发放”。'],
  stations: [
    '纬度、经度为 GCJ-02 坐标（腾讯地图、高德地图拾取的坐标），单位为度，原样保存。',
    '开放时间按 OpenStreetMap opening_hours 格式：24/7 表示全天开放；Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off 表示工作日、周末不同时间，法定节假日休息。',
    '服务可填：饮水、热饭、充电、如厕、休息、急救药箱、空调、微波炉，多个用顿号分隔。',
  ],
};

/** The `.xlsx` template of an import: headers as api.md lists them, one example row, a sheet of notes. */
export async function buildImportTemplate(options: { db: Db; userId: string; kind: ImportKind }): Promise<Buffer> {
  const actor = await loadActor(options);
  if (actor.roles.length === 0) throw new AppError('FORBIDDEN');
  const columns = COLUMNS[options.kind];
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入');
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(12, c.header.length * 2 + 4),
    style: c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm' } : c.kind === 'yuan' ? { numFmt: '0.00' } : { numFmt: '@' },
  }));
  sheet.addRow(Object.fromEntries(columns.map((c) => [c.field, EXAMPLES[options.kind][c.field] ?? null])));
  sheet.getRow(1).font = { bold: true };
  const notes = book.addWorksheet('说明');
  notes.addRow(['删除示例行后按列填写，每行一人（一条记录）；第一张工作表会被导入。']);
  for (const n of NOTES[options.kind]) notes.addRow([n]);
  notes.addRow([`必填列：${columns.filter((c) => c.required).map((c) => c.header).join('、')}`]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
