// The one client for endpoints that take a file as the raw request body (the resumable uploads'
// chunks, services/resumable-upload; the office's spreadsheet imports). Why not Taro.uploadFile: in weapp it is wx.uploadFile, which
// always sends multipart/form-data, and the contract wants the file itself as the body. So weapp
// sends an ArrayBuffer (read with getFileSystemManager().readFile) with Taro.request, which sends
// an ArrayBuffer `data` as the raw body; H5 sends the File/Blob with fetch.
import Taro from '@tarojs/taro';
import { ApiError, apiUrl, authHeader } from './api';
import { IS_H5 } from './platform';
import { goToLogin } from './session';

export type RawBody = ArrayBuffer | Blob | string;
export type RawResponse = { statusCode: number; data: unknown; header: Record<string, string | undefined> };
/** Beyond a POST of the body: the resumable uploads' chunk PUTs (with Upload-Offset) and session reads. */
export type RawExtra = { method?: 'POST' | 'PUT' | 'GET'; headers?: Record<string, string> };
export type RawSender = (url: string, body: RawBody | undefined, contentType: string, timeoutMs?: number, extra?: RawExtra) => Promise<RawResponse>;

async function sendOnce(url: string, body: RawBody | undefined, contentType: string, timeoutMs = 60_000, extra: RawExtra = {}): Promise<RawResponse> {
  const method = extra.method ?? 'POST';
  const header: Record<string, string> = { ...authHeader(), ...(body === undefined ? {} : { 'Content-Type': contentType }), ...extra.headers };
  if (IS_H5) {
    const res = await fetch(url, { method, headers: header, body, signal: AbortSignal.timeout?.(timeoutMs) });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* not JSON: answerOf reports BAD_RESPONSE or the status */
    }
    return { statusCode: res.status, data, header: { 'retry-after': res.headers.get('retry-after') ?? undefined } };
  }
  const res = await Taro.request({ url, method, header, data: body as ArrayBuffer | undefined, dataType: 'json', timeout: timeoutMs });
  return { statusCode: res.statusCode, data: res.data, header: (res.header ?? {}) as Record<string, string | undefined> };
}

let send: RawSender = sendOnce;
/** One request through the current sender (tests replace it): for the resumable uploads. */
export function sendRaw(url: string, body: RawBody | undefined, contentType: string, timeoutMs?: number, extra?: RawExtra): Promise<RawResponse> {
  return send(url, body, contentType, timeoutMs, extra);
}
/** The backoff's pause, on the clock tests replace. */
export function rawPause(ms: number): Promise<void> {
  return wait(ms);
}
let wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Tests replace the network. */
export function setRawSender(fn: RawSender | null): void {
  send = fn ?? sendOnce;
}
/** Tests replace the clock of the backoff. */
export function setRawSleep(fn: (ms: number) => Promise<void>): void {
  wait = fn;
}

/** The URL of `path` for a signed-in person; a signed-out one is sent to log in. */
export function rawUploadUrl(path: string, query?: Record<string, string | undefined>): string {
  if (!authHeader().Authorization) {
    goToLogin();
    throw new ApiError('UNAUTHENTICATED', '请先登录', 401);
  }
  return apiUrl(path, query);
}
