import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '../../shared/errors.js';

export type ErrorDetail = { path: string; message: string };

/** The one error type: a contract code, its HTTP status, and a message a person can read. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: ErrorDetail[];
  readonly headers?: Record<string, string>;
  /** UPLOAD_OFFSET_MISMATCH: the offset the client must resume at (in the body, `error.offset`) */
  readonly offset?: number;

  constructor(code: ErrorCode, message?: string, options: { details?: ErrorDetail[]; headers?: Record<string, string>; offset?: number } = {}) {
    super(message ?? ERROR_MESSAGES[code]);
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
    this.headers = options.headers;
    this.offset = options.offset;
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}), ...(this.offset !== undefined ? { offset: this.offset } : {}) } };
  }
}

const UNAVAILABLE_SQLSTATE = /^(08|53|57P0|57014)/; // connection, resources, admin shutdown, cancelled
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/** True for errors meaning "the database is not reachable now", which a retry may cure. */
export function isUnavailableError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; error?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code))) return true;
  const msg = typeof e.message === 'string' ? e.message : '';
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down)|Cannot use a pool after calling end|WebSocket/i.test(msg)) return true;
  // Neon's driver rejects with the WebSocket's ErrorEvent, whose cause (ECONNREFUSED…) is in `.error`.
  return isUnavailableError(e.error, depth + 1) || isUnavailableError(e.cause, depth + 1);
}

/** A valid token whose user row is gone (deleted since it was signed): log in again. */
export function userGone(): AppError {
  return new AppError('UNAUTHENTICATED', '登录已失效，请重新登录');
}

export function unavailable(): AppError {
  return new AppError('UNAVAILABLE', undefined, { headers: { 'Retry-After': '3' } });
}

export function pgErrorCode(err: unknown): string | undefined {
  return err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;
}
