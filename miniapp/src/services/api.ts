// The one request client. Every answer is parsed with the contract's Zod schema (shared/) —
// answers are checked, not trusted — and every failure becomes an ApiError with a stable code.
// Pages branch on `code`, never on message text.
import Taro from '@tarojs/taro';
import type { z } from '../../../shared/zod.js';
import { ERROR_MESSAGES, type ErrorCode } from '../../../shared/errors.js';
import {
  ZActivityList,
  ZActivityWithMine,
  ZBindResponse,
  ZClaim,
  ZClaimList,
  ZCoverageList,
  ZErrorBody,
  ZLoginResponse,
  ZMeResponse,
  ZMemberCard,
  ZMyRegistrationList,
  ZOrgList,
  ZRegistration,
  type TBindRequest,
  type TCategoryFilter,
  type TClaimApplicationRequest,
  type TClaimDocumentsRequest,
} from './contract';
import { ZDemoUsers } from './contract';
import { clearSession, getToken, goToLogin } from './session';

/** Codes of the contract plus the two failures that never reach the server's error body. */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'BAD_RESPONSE';

const CLIENT_MESSAGES: Record<'NETWORK' | 'BAD_RESPONSE', string> = {
  NETWORK: '网络连接失败，请检查网络后重试',
  BAD_RESPONSE: '服务返回的数据有误，请稍后再试',
};

export class ApiError extends Error {
  readonly code: ClientErrorCode;
  readonly status: number;
  readonly details?: { path: string; message: string }[];
  constructor(code: ClientErrorCode, message: string, status = 0, details?: { path: string; message: string }[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

export function messageForCode(code: ClientErrorCode): string {
  return code === 'NETWORK' || code === 'BAD_RESPONSE' ? CLIENT_MESSAGES[code] : ERROR_MESSAGES[code];
}

/** A Chinese sentence fit to show for anything thrown. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message || messageForCode(err.code);
  return CLIENT_MESSAGES.NETWORK;
}

export function errorCode(err: unknown): ClientErrorCode | undefined {
  return err instanceof ApiError ? err.code : undefined;
}

// ---------- transport ----------

export type TransportRequest = {
  url: string;
  method: 'GET' | 'POST' | 'PATCH';
  header: Record<string, string>;
  data?: unknown;
  /** ms; the default suits a page load, a door scan wants an answer or a fallback quickly */
  timeout?: number;
};
export type TransportResponse = { statusCode: number; data: unknown; header: Record<string, string | undefined> };
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

const DEFAULT_TIMEOUT_MS = 15000;

const taroTransport: Transport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method,
    header: req.header,
    data: req.data as Record<string, unknown> | undefined,
    dataType: 'json',
    timeout: req.timeout ?? DEFAULT_TIMEOUT_MS,
  });
  return { statusCode: res.statusCode, data: res.data, header: (res.header ?? {}) as Record<string, string | undefined> };
};

let transport: Transport = taroTransport;
let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tests replace the network (and the clock for backoff). */
export function setTransport(t: Transport | null, sleeper?: (ms: number) => Promise<void>): void {
  transport = t ?? taroTransport;
  if (sleeper) sleep = sleeper;
}

// ---------- at most 10 in flight ----------

/** WeChat refuses an 11th concurrent wx.request; the rest wait here in arrival order. */
export const MAX_IN_FLIGHT = 10;
let inFlight = 0;
const waiting: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (inFlight < MAX_IN_FLIGHT) {
    inFlight++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

export function requestsInFlight(): { inFlight: number; waiting: number } {
  return { inFlight, waiting: waiting.length };
}

// ---------- the call ----------

export type RequestOptions<S extends z.ZodType> = {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  schema: S;
  /** false for login and the demo-user list: no token, and a 401 is the caller's to show. */
  auth?: boolean;
  /** Sent as Idempotency-Key; also makes a POST safe to retry. */
  idempotencyKey?: string;
  /** A POST the server de-duplicates by other means (a check-in's nonce): safe to retry. */
  retry?: boolean;
  /** Give up after this many ms (a NETWORK error), whatever the platform's request does. */
  timeoutMs?: number;
  /** Retries after a transient failure (default RETRIES); 0 where the caller has its own fallback. */
  retries?: number;
};

export const RETRIES = 2;
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

function buildUrl(path: string, query?: RequestOptions<z.ZodType>['query']): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  }
  return API_BASE + path + (parts.length ? '?' + parts.join('&') : '');
}

export function apiUrl(path: string, query?: RequestOptions<z.ZodType>['query']): string {
  return buildUrl(path, query);
}

export function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function backoffMs(attempt: number, retryAfter?: string): number {
  const fromServer = Number(retryAfter);
  if (Number.isFinite(fromServer) && fromServer > 0) return Math.min(fromServer * 1000, 5000);
  // Jitter spreads a crowd that failed together (sign-up minute) so it does not retry together.
  return 400 * 2 ** attempt + Math.floor(Math.random() * 300);
}

function toApiError(status: number, data: unknown): ApiError {
  const parsed = ZErrorBody.safeParse(data);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(code, message || ERROR_MESSAGES[code], status, details);
  }
  if (status === 401) return new ApiError('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED, status);
  if (status >= 500) return new ApiError(status === 503 ? 'UNAVAILABLE' : 'INTERNAL', ERROR_MESSAGES[status === 503 ? 'UNAVAILABLE' : 'INTERNAL'], status);
  return new ApiError('BAD_RESPONSE', CLIENT_MESSAGES.BAD_RESPONSE, status);
}

/** The answer, or null once `ms` have passed (a weak signal can hold a request far past its timeout). */
function withDeadline<T>(p: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(null), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export async function request<S extends z.ZodType>(opts: RequestOptions<S>): Promise<z.output<S>> {
  const method = opts.method ?? 'GET';
  const auth = opts.auth ?? true;
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  if (auth) {
    const token = getToken();
    if (!token) {
      goToLogin();
      throw new ApiError('UNAUTHENTICATED', ERROR_MESSAGES.UNAUTHENTICATED, 401);
    }
    header.Authorization = `Bearer ${token}`;
  }
  if (opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey;
  const retryable = method === 'GET' || !!opts.idempotencyKey || !!opts.retry;
  const url = buildUrl(opts.path, opts.query);

  for (let attempt = 0; ; attempt++) {
    let res: TransportResponse | null = null;
    await acquire();
    try {
      const sent = transport({ url, method, header, data: method === 'GET' ? undefined : (opts.body ?? {}), timeout: opts.timeoutMs });
      res = opts.timeoutMs ? await withDeadline(sent, opts.timeoutMs) : await sent;
    } catch {
      res = null;
    } finally {
      release();
    }

    const failedTransiently = res === null || RETRYABLE_STATUS.has(res.statusCode);
    if (failedTransiently && retryable && attempt < (opts.retries ?? RETRIES)) {
      await sleep(backoffMs(attempt, res?.header['retry-after'] ?? res?.header['Retry-After']));
      continue;
    }
    if (res === null) throw new ApiError('NETWORK', CLIENT_MESSAGES.NETWORK);
    return answerOf(res, opts.schema, auth);
  }
}

/**
 * An answer checked against its schema, or the ApiError it stands for. Shared with the office's
 * raw file uploads, which cannot go through `request` (their body is a file, not JSON).
 */
export function answerOf<S extends z.ZodType>(res: TransportResponse, schema: S, auth = true): z.output<S> {
  if (res.statusCode >= 200 && res.statusCode < 300) {
    const parsed = schema.safeParse(res.data);
    if (!parsed.success) throw new ApiError('BAD_RESPONSE', CLIENT_MESSAGES.BAD_RESPONSE, res.statusCode);
    return parsed.data;
  }
  const err = toApiError(res.statusCode, res.data);
  if (err.code === 'UNAUTHENTICATED' && auth) {
    clearSession();
    goToLogin();
  }
  throw err;
}

// ---------- member endpoints (api.md) ----------

export const api = {
  demoUsers: () => request({ path: '/demo/users', schema: ZDemoUsers, auth: false }),
  login: (code: string) => request({ method: 'POST', path: '/auth/login', body: { code }, schema: ZLoginResponse, auth: false }),
  me: () => request({ path: '/me', schema: ZMeResponse }),
  bind: (body: TBindRequest) => request({ method: 'POST', path: '/me/bind', body, schema: ZBindResponse }),
  orgs: () => request({ path: '/orgs', schema: ZOrgList }),

  activities: (q: { category?: TCategoryFilter; cursor?: string | null; limit?: number; scope?: 'member' | 'managed' } = {}) =>
    request({ path: '/activities', query: { category: q.category, cursor: q.cursor, limit: q.limit, scope: q.scope }, schema: ZActivityList }),
  activity: (id: string) => request({ path: `/activities/${encodeURIComponent(id)}`, schema: ZActivityWithMine }),
  /** One key per tap: a retried or doubled tap cannot create two registrations. */
  signUp: (activityId: string, idempotencyKey: string) =>
    request({ method: 'POST', path: `/activities/${encodeURIComponent(activityId)}/registrations`, schema: ZRegistration, idempotencyKey }),
  cancelRegistration: (registrationId: string) =>
    request({ method: 'POST', path: `/registrations/${encodeURIComponent(registrationId)}/cancel`, schema: ZRegistration }),
  myRegistrations: (cursor?: string | null) => request({ path: '/me/registrations', query: { cursor, limit: 50 }, schema: ZMyRegistrationList }),

  coverage: () => request({ path: '/me/coverage', schema: ZCoverageList }),
  claims: (cursor?: string | null) => request({ path: '/me/claims', query: { cursor, limit: 50 }, schema: ZClaimList }),
  claim: (id: string) => request({ path: `/me/claims/${encodeURIComponent(id)}`, schema: ZClaim }),
  /** The member card: quickly or not at all (the phone's copy shows meanwhile, and offline). */
  card: () => request({ path: '/me/card', schema: ZMemberCard, timeoutMs: 6000, retries: 0 }),
  // 互助金申请 (#17): the server answers the same request sent again with the claim it made, so a retry is safe
  applyClaim: (body: TClaimApplicationRequest) => request({ method: 'POST', path: '/me/claims', body, schema: ZClaim, retry: true }),
  addClaimDocuments: (id: string, body: TClaimDocumentsRequest) =>
    request({ method: 'POST', path: `/me/claims/${encodeURIComponent(id)}/documents`, body, schema: ZClaim, retry: true }),
  // love stations (issue #18): pages/stations/stations-api.ts, with the stations sub-package
};
