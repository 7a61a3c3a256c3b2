// What must never be in a log: an ID number (GB 11643, checksum valid), a mobile number, or a
// medical fact. The markers are the diagnoses the claim tests write into notes, plus the probe
// marker that tests/privacy/error-paths.test.ts sends through the failing paths on purpose.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isValidIdNumber } from '../../shared/domain/id-number.js';
import { redact } from '../../functions/_lib/log.js';

export const PROBE_MARKER = '隐私探针';
export const MEDICAL_MARKERS = [PROBE_MARKER, '白血病', '化疗', '肺炎', '乳腺癌', '病历', '病理报告'];

const ID_CANDIDATE = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/g;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

export type Leak = { kind: 'ID number' | 'phone number' | 'medical note'; file: string; line: string };

export function findLeaks(text: string, file = ''): Leak[] {
  const leaks: Leak[] = [];
  for (const line of text.split('\n')) {
    if ((line.match(ID_CANDIDATE) ?? []).some(isValidIdNumber)) leaks.push({ kind: 'ID number', file, line });
    if (PHONE.test(line)) leaks.push({ kind: 'phone number', file, line });
    PHONE.lastIndex = 0;
    if (MEDICAL_MARKERS.some((m) => line.includes(m))) leaks.push({ kind: 'medical note', file, line });
  }
  return leaks;
}

/** Every capture file of one run (one per test worker process). */
export function readCapture(dir: string): { files: { file: string; text: string }[]; lines: string[] } {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log'));
  } catch {
    /* no worker wrote anything */
  }
  const files = names.map((n) => path.join(dir, n)).filter((f) => statSync(f).isFile()).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  return { files, lines: files.flatMap((f) => f.text.split('\n').filter(Boolean)) };
}

/** The structured log lines (functions/_lib/log.ts) among the captured text. */
export function logEvents(lines: string[]): { event: string; level: string; requestId?: string; raw: string }[] {
  return lines.flatMap((raw) => {
    if (!raw.startsWith('{"t":')) return [];
    try {
      const v = JSON.parse(raw) as { event: string; level: string; requestId?: string };
      return [{ event: v.event, level: v.level, requestId: v.requestId, raw }];
    } catch {
      return [];
    }
  });
}

/** A leaked line as it may be shown in test output: the leak itself masked (the report must not repeat it). */
export function shownSafely(leak: Leak): string {
  let line = redact(leak.line);
  for (const m of MEDICAL_MARKERS) line = line.replaceAll(m, '[医疗信息]');
  return `${leak.kind} in ${path.basename(leak.file)}: ${line.slice(0, 300)}`;
}
