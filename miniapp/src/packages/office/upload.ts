// A spreadsheet from a WeChat chat (or, in the browser, from the computer) sent as the raw file
// body the .xlsx/.csv endpoints take. Not Taro.uploadFile: that sends multipart/form-data.
import Taro from '@tarojs/taro';
import { ApiError, answerOf, apiUrl, authHeader } from '../../services/api';
import { rawUploadUrl, sendRaw } from '../../services/raw-upload';
import { ZSpreadsheetImportResult, type TImportKind, type TSpreadsheetImportResult } from '../../services/contract';
import { IS_H5 } from '../../services/platform';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';
/** The endpoints refuse more; saying so before the upload spares a long wait on a phone network. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type PickedFile = { name: string; size: number; format: 'xlsx' | 'csv'; read: () => Promise<ArrayBuffer | Blob> };

export function formatOf(name: string): 'xlsx' | 'csv' | null {
  const ext = name.toLowerCase().split('.').pop();
  return ext === 'xlsx' ? 'xlsx' : ext === 'csv' ? 'csv' : null;
}

export class PickError extends Error {}

export function importPath(kind: TImportKind, format: 'xlsx' | 'csv'): string {
  // love stations: one import endpoint takes JSON, .csv and .xlsx (api.md)
  if (kind === 'stations') return '/admin/stations/import';
  if (kind === 'aidPayments') return `/admin/aid-applications/payments/import.${format}`;
  return `/admin/${kind}/import.${format}`;
}

function checked(name: string, size: number): 'xlsx' | 'csv' {
  const format = formatOf(name);
  if (!format) throw new PickError('请选择 .xlsx 或 .csv 格式的表格文件（旧版 .xls 请先在电脑上另存为 .xlsx）');
  if (size > MAX_FILE_BYTES) throw new PickError('文件超过 4 MB，请拆分后分批导入');
  return format;
}

/** H5: a hidden file input, resolved with the chosen file (null when the person closes the dialog). */
function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,.csv,' + XLSX_TYPE + ',' + CSV_TYPE;
    input.className = 'office-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      try {
        resolve({ name: file.name, size: file.size, format: checked(file.name, file.size), read: async () => file });
      } catch (err) {
        reject(err);
      }
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** weapp: a file someone sent in a WeChat chat. */
async function pickInWeapp(): Promise<PickedFile | null> {
  let res: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
  } catch {
    return null; // closed without choosing
  }
  const f = res.tempFiles[0];
  if (!f) return null;
  const format = checked(f.name, f.size);
  return {
    name: f.name,
    size: f.size,
    format,
    read: () =>
      new Promise<ArrayBuffer>((resolve, reject) =>
        Taro.getFileSystemManager().readFile({ filePath: f.path, success: (r) => resolve(r.data as ArrayBuffer), fail: () => reject(new PickError('读取文件失败，请重新选择')) }),
      ),
  };
}

export function pickSpreadsheet(): Promise<PickedFile | null> {
  return IS_H5 ? pickInBrowser() : pickInWeapp();
}

/** One upload, never retried: an import that timed out may still have landed (the answer says so next time as "unchanged"). */
export async function uploadSpreadsheet(kind: TImportKind, file: PickedFile, orgId?: string): Promise<TSpreadsheetImportResult> {
  const url = rawUploadUrl(importPath(kind, file.format), { orgId });
  const contentType = file.format === 'xlsx' ? XLSX_TYPE : CSV_TYPE;
  const body = await file.read();
  let res;
  try {
    res = await sendRaw(url, body, contentType, 120_000);
  } catch {
    throw new ApiError('NETWORK', '网络连接失败，请检查网络后重试');
  }
  return answerOf(res, ZSpreadsheetImportResult);
}

/** The empty template with the right headers: saved in the browser, opened (and forwardable) in WeChat. */
export async function downloadTemplate(kind: TImportKind, title: string): Promise<void> {
  const url = apiUrl(`/admin/import-templates/${kind}`);
  const fileName = `${title}模板.xlsx`;
  if (IS_H5) {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw new Error(String(res.status));
    const href = URL.createObjectURL(await res.blob());
    const link = document.createElement('a');
    link.href = href;
    link.download = fileName;
    link.className = 'office-template-link';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
    return;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header: authHeader() });
  if (statusCode !== 200) throw new Error(String(statusCode));
  // showMenu lets the person forward the file to a chat or save it.
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true });
}
