// Resumable uploads (issue #17; docs/uploads.md "Resumable uploads"): the one way the mini-program
// sends a photo or PDF. The file goes in chunks to a session (POST /api/uploads/sessions, then
// PUT /api/uploads/sessions/:id with Upload-Offset); a chunk lost on a weak network is not a lost
// photo: the client asks the server where it stands (GET …/:id) and continues from there, with a
// few retries and a growing pause. When it gives up it throws UploadStalled, which carries the
// session: uploading again with it resumes (网络不佳，点此继续上传), it does not restart.
// Chunks are read as they are sent (weapp: FileSystemManager.readFile with position/length;
// H5: Blob.slice), so a photo is never held twice in memory.
import { ApiError, answerOf } from './api';
import { rawPause, rawUploadUrl, sendRaw, type RawBody, type RawResponse } from './raw-upload';
import { ZErrorBody, ZUpload, ZUploadChunkAccepted, ZUploadSession, type TUpload } from './contract';

export type UploadType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** What is uploaded: its size, its type and a way to read any part of it. */
export type UploadSource = { size: number; type: UploadType; slice: (start: number, end: number) => Promise<RawBody> };

/** Where a stalled upload stands: hand it back to resume. */
export type ResumePoint = { sessionId: string; offset: number; size: number };

export const STALLED_MESSAGE = '网络不佳，点此继续上传';

/** The upload stopped after its retries; `resume` continues it where the server stands. */
export class UploadStalled extends ApiError {
  readonly resume: ResumePoint;
  constructor(resume: ResumePoint) {
    super('NETWORK', STALLED_MESSAGE);
    this.name = 'UploadStalled';
    this.resume = resume;
  }
}

/** Failures in a row (no byte gained) before the upload stalls and asks the person. */
export const MAX_FAILURES_IN_A_ROW = 4;
/** The pause before each retry: 1 s, 2 s, 4 s …, at most 8 s; the server's Retry-After (≤ 8 s) wins. */
export function retryDelayMs(failure: number, retryAfter?: string): number {
  const fromServer = Number(retryAfter);
  if (Number.isFinite(fromServer) && fromServer > 0) return Math.min(fromServer * 1000, 8000);
  return Math.min(1000 * 2 ** Math.max(0, failure - 1), 8000);
}

/** The next chunk from `offset`: [start, end), never past the end of the file. */
export function nextChunk(offset: number, size: number, chunkSize: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(offset, size));
  return { start, end: Math.min(size, start + Math.max(1, chunkSize)) };
}

/** 上传中 45% */
export function progressLabel(sent: number, size: number): string {
  return `上传中 ${size > 0 ? Math.min(100, Math.floor((sent / size) * 100)) : 0}%`;
}

const RETRYABLE = new Set([408, 429, 502, 503, 504]);
const CHUNK_TIMEOUT_MS = 30_000;

type Step = { res: RawResponse | null };

async function attempt(url: string, body: RawBody | undefined, contentType: string, extra: Parameters<typeof sendRaw>[4]): Promise<Step> {
  try {
    return { res: await sendRaw(url, body, contentType, CHUNK_TIMEOUT_MS, extra) };
  } catch {
    return { res: null };
  }
}

const transient = (s: Step) => s.res === null || s.res.statusCode >= 500 || RETRYABLE.has(s.res.statusCode);

/** Runs `call` until it answers something other than a lost connection or a busy server. */
async function withRetries(call: () => Promise<Step>): Promise<RawResponse | null> {
  for (let failure = 1; ; failure++) {
    const step = await call();
    if (!transient(step) || failure >= MAX_FAILURES_IN_A_ROW) return step.res;
    await rawPause(retryDelayMs(failure, step.res?.header['retry-after']));
  }
}

function offsetIn(data: unknown): number | null {
  const parsed = ZErrorBody.safeParse(data);
  return parsed.success && parsed.data.error.code === 'UPLOAD_OFFSET_MISMATCH' && typeof parsed.data.error.offset === 'number' ? parsed.data.error.offset : null;
}

/**
 * Uploads `source`, or resumes it from `resume` (what an UploadStalled carried). `onProgress`
 * hears the bytes the server holds. Resolves with the upload (the same record POST /api/uploads
 * makes); a refusal (415, 413 …) is thrown as ApiError; a network that will not carry it, as
 * UploadStalled.
 */
export async function uploadResumable(source: UploadSource, options: { resume?: ResumePoint; onProgress?: (sent: number, size: number) => void } = {}): Promise<TUpload> {
  const sessionsUrl = rawUploadUrl('/uploads/sessions');
  const report = (n: number) => options.onProgress?.(n, source.size);
  let sessionId = options.resume?.sessionId ?? null;
  let offset = 0;
  let chunkSize = 256 * 1024;
  let restarted = false;

  const start = async () => {
    const res = await withRetries(() => attempt(sessionsUrl, JSON.stringify({ contentType: source.type, size: source.size }), 'application/json', { method: 'POST' }));
    if (res === null) throw new ApiError('NETWORK', '网络不佳，照片没有传上去，请稍后重试');
    const s = answerOf(res, ZUploadSession);
    sessionId = s.sessionId;
    offset = s.offset;
    chunkSize = s.chunkSize;
  };
  /** Where the server stands; null: it could not be asked (the network), 'gone': no such session. */
  const ask = async (): Promise<TUpload | number | 'gone' | null> => {
    const res = await withRetries(() => attempt(`${sessionsUrl}/${encodeURIComponent(sessionId!)}`, undefined, '', { method: 'GET' }));
    if (res === null || transient({ res })) return null;
    if (res.statusCode === 404) return 'gone';
    const s = answerOf(res, ZUploadSession);
    chunkSize = s.chunkSize;
    return s.upload ?? s.offset;
  };
  const stalled = () => new UploadStalled({ sessionId: sessionId!, offset, size: source.size });

  if (sessionId) {
    const where = await ask();
    if (where === null) throw stalled();
    if (typeof where === 'object') return where;
    if (where === 'gone') sessionId = null;
    else offset = where;
  }
  if (!sessionId) await start();
  report(offset);

  let failures = 0;
  for (;;) {
    const { start: from, end } = nextChunk(offset, source.size, chunkSize);
    const body = await source.slice(from, end);
    const step = await attempt(`${sessionsUrl}/${encodeURIComponent(sessionId!)}`, body, 'application/offset+octet-stream', { method: 'PUT', headers: { 'Upload-Offset': String(from) } });
    const res = step.res;
    if (res && res.statusCode >= 200 && res.statusCode < 300) {
      const done = ZUpload.safeParse(res.data);
      if (done.success) {
        report(source.size);
        return done.data;
      }
      offset = answerOf(res, ZUploadChunkAccepted).offset;
      failures = 0;
      report(offset);
      continue;
    }
    const told = res?.statusCode === 409 ? offsetIn(res.data) : null;
    if (told !== null && told < source.size) {
      // the server holds another amount (an answer was lost): continue from there
      offset = told;
      if (++failures >= MAX_FAILURES_IN_A_ROW * 2) throw stalled();
      continue;
    }
    if (res?.statusCode === 404 && !restarted) {
      // the session lapsed (24 h) or is gone: once, start over with a new one
      restarted = true;
      await start();
      report(offset);
      continue;
    }
    if (res && !transient(step) && told === null) answerOf(res, ZUploadChunkAccepted); // a refusal: thrown
    // lost on the way (or the file is complete but that answer was lost): ask where the server stands
    failures++;
    if (failures >= MAX_FAILURES_IN_A_ROW) throw stalled();
    await rawPause(retryDelayMs(failures, res?.header['retry-after']));
    const where = await ask();
    if (where === null) throw stalled();
    if (where === 'gone') {
      if (restarted) throw new ApiError('NOT_FOUND', '这次上传已失效，请重新选择文件上传', 404);
      restarted = true;
      await start();
    } else if (typeof where === 'object') {
      report(source.size);
      return where;
    } else {
      if (where > offset) failures = 0;
      offset = where;
    }
    report(offset);
  }
}

/** A source over bytes already in memory (an ArrayBuffer or, in H5, a File/Blob). */
export function memorySource(body: ArrayBuffer | Blob, type: UploadType): UploadSource {
  const size = typeof Blob !== 'undefined' && body instanceof Blob ? body.size : (body as ArrayBuffer).byteLength;
  return { size, type, slice: async (start, end) => body.slice(start, end) };
}
