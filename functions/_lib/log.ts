// Structured log lines. Whatever is logged passes through redact(): an ID number or a phone
// number must never reach a log, even inside an error message from a library.
type Level = 'info' | 'warn' | 'error';
type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(line + '\n');

export function setLogSink(next: Sink): void {
  sink = next;
}

const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// The first-generation card (before 1999): 15 digits, a two-digit year and no check character.
const ID_NUMBER_15 = /(?<![0-9A-Za-z])[1-9]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
// A mobile number as people write it: 13800138000, +86 138 0013 8000, 86-138-0013-8000, 138-0013-8000.
const PHONE = /(?<![\d+])(?:\+?86[\s-]?)?1[3-9](?:[\s-]?\d){9}(?!\d)/g;

export function redact(text: string): string {
  return text.replace(ID_NUMBER, '[身份证号已隐藏]').replace(ID_NUMBER_15, '[身份证号已隐藏]').replace(PHONE, '[手机号已隐藏]');
}

function write(level: Level, event: string, fields: Record<string, unknown> = {}) {
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
  sink(redact(line));
}

export const log = {
  info: (event: string, fields?: Record<string, unknown>) => write('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write('error', event, fields),
};

/** An error as loggable fields: name, SQLSTATE and a redacted message; never bind parameters. */
export function errorFields(err: unknown): Record<string, unknown> {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { error: err.name, code: typeof code === 'string' ? code : undefined, message: err.message.slice(0, 300), stack: err.stack?.split('\n').slice(1, 4).join(' | ') };
  }
  return { error: String(err).slice(0, 300) };
}
