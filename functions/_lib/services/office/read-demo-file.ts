import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../errors.js';
import { getConfig } from '../../config.js';

/** Where `npm start` writes the demo spreadsheets (scripts/demo-files.ts). */
export function demoFilesDir(): string {
  return process.env.DEMO_FILES_DIR || path.join(process.cwd(), '.data', 'demo-files');
}

export const DEMO_FILES = {
  'claims-demo.xlsx': '互助金申请-演示导入.xlsx',
  'roster-demo.xlsx': '会员名册-演示导入.xlsx',
} as const;

/**
 * A demo spreadsheet, only where dev login is on (never in production). Only the names above are
 * served, so no path a client sends can reach another file.
 */
export async function readDemoFile(name: string): Promise<{ body: Buffer; downloadName: string }> {
  if (!getConfig().devLogin || !Object.hasOwn(DEMO_FILES, name)) throw new AppError('NOT_FOUND', '未找到该演示文件');
  try {
    return { body: await readFile(path.join(demoFilesDir(), name)), downloadName: DEMO_FILES[name as keyof typeof DEMO_FILES] };
  } catch {
    throw new AppError('NOT_FOUND', '演示文件尚未生成，请用 npm start 启动');
  }
}
