// The HTTP edge every endpoint goes through: body and query parsing with the shared schemas,
// the session, and the one place where any thrown error becomes the contract's error body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, isUnavailableError, pgErrorCode, unavailable } from './errors.js';
import { getDb, type Db } from './db/index.js';
import { errorFields, log } from './log.js';
import { getConfig } from './config.js';
import { verifySession } from './auth/session.js';
import { ZId } from '../../shared/schemas.js';
import { authenticateServiceKey, looksLikeServiceKey, recordServiceKeyCall, type ServiceKeyAuth } from './services/keys/service-key.js';

export type Request = IncomingMessage & { body?: unknown; query?: Record<string, string | string[] | undefined> };
export type Handler = (req: Request, res: ServerResponse) => Promise<void>;

export type Reply = {
  status?: number;
  body?: unknown;
  /** a non-JSON answer (CSV): sent as is with headers */
  raw?: string | Buffer;
  headers?: Record<string, string>;
};

export type Ctx<B, Q> = {
  db: Db;
  body: B;
  query: Q;
  /** a path id from the route; anything that is not an id is a 404, like an id that does not exist
   * (`schema`: ids of another form, e.g. upload UUIDs) */
  pathId(name?: string, schema?: z.ZodType<string>): string;
  header(name: string): string | undefined;
  /** the signed-in user's id (endpoints with auth: 'user') */
  userId: string;
  requestId: string;
  ip: string;
  /** a raw body (spreadsheet upload) when the endpoint takes one and the request sent one */
  raw?: Buffer;
  /** the raw body's media type, lowercased without parameters */
  rawType?: string;
};

/** What `authorize` sees: the caller and the query, before any byte of the body is read. */
export type AuthorizeCtx = { db: Db; userId: string; query: Record<string, unknown> };

type EndpointDef<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  auth?: 'none' | 'user';
  body?: BS;
  query?: QS;
  /** bytes; a larger body is 413 (default 64 KB; imports of 5,000 rows raise it) */
  maxBodyBytes?: number;
  /**
   * v1.1 raw bodies (spreadsheet uploads): these media types arrive as `ctx.raw`, up to `maxBytes`.
   * With `body` also set, a JSON request is still taken; any other media type is 415.
   */
  raw?: { types: string[]; maxBytes: number };
  /** The permission check that must come before the body is read or parsed (imports). */
  authorize?: (ctx: AuthorizeCtx) => Promise<void>;
  handle: (ctx: Ctx<BS extends z.ZodType ? z.output<BS> : undefined, QS extends z.ZodType ? z.output<QS> : Record<string, never>>) => Promise<Reply>;
};

function mediaType(req: Request): string {
  return String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * The raw body as bytes, bounded. The local server hands a Buffer in `req.body`; on Vercel the body
 * of a type it does not parse is left in the (restored) request stream.
 */
async function readRawBody(req: Request, maxBytes: number): Promise<Buffer> {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`);
  let given: unknown;
  try {
    given = req.body;
  } catch {
    given = undefined;
  }
  let buffer: Buffer;
  if (Buffer.isBuffer(given)) buffer = given;
  else if (typeof given === 'string') buffer = Buffer.from(given);
  else {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`);
      chunks.push(chunk);
    }
    buffer = Buffer.concat(chunks);
  }
  if (buffer.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `文件不能超过${Math.round(maxBytes / 1024 / 1024)}MB`);
  return buffer;
}

const DEFAULT_MAX_BODY = 64 * 1024;

export function zodDetails(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function validationFailed(error: z.ZodError): AppError {
  const details = zodDetails(error);
  return new AppError('VALIDATION_FAILED', details[0]?.message ? `填写的内容有误：${details[0].message}` : undefined, { details });
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string>) {
  if (res.headersSent) return;
  res.statusCode = status;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
}

export function sendError(res: ServerResponse, err: unknown, requestId: string, route?: string) {
  let appError: AppError;
  if (err instanceof AppError) appError = err;
  else if (pgErrorCode(err)?.startsWith('22')) {
    // SQLSTATE class 22, data exception: a value the schema let through but PostgreSQL cannot
    // store (a NUL character, a year 0 date). The statement failed whole: nothing was written.
    log.warn('data_exception', { requestId, route, code: pgErrorCode(err) });
    appError = new AppError('VALIDATION_FAILED', '提交的数据包含无法保存的字符或超出范围的日期');
  } else if (isUnavailableError(err)) {
    log.warn('db_unavailable', { requestId, route, ...errorFields(err) });
    appError = unavailable();
  } else {
    log.error('unexpected_error', { requestId, route, ...errorFields(err) });
    appError = new AppError('INTERNAL');
  }
  sendJson(res, appError.status, appError.toBody(), appError.headers);
}

/** The size of an already parsed body (sent without Content-Length). JSON.parse takes nesting
 * that JSON.stringify overflows the stack on: such a body counts as too large, not as a crash. */
function serializedLength(body: unknown): number {
  try {
    return JSON.stringify(body).length;
  } catch {
    return Infinity;
  }
}

function readBody(req: Request, maxBytes: number): unknown {
  const length = Number(req.headers['content-length'] ?? 0);
  if (length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (contentType && !contentType.startsWith('application/json') && !contentType.startsWith('text/plain')) {
    throw new AppError('BAD_JSON', '请以 JSON 格式提交（Content-Type: application/json）');
  }
  let body: unknown;
  try {
    body = req.body; // Vercel's getter parses JSON on access and throws on broken JSON
  } catch {
    throw new AppError('BAD_JSON');
  }
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    const text = body.toString();
    if (Buffer.byteLength(text) > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
    if (text.trim() === '') return undefined;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError('BAD_JSON');
    }
  } else if (body !== undefined && !length && serializedLength(body) > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE');
  }
  return body;
}

function queryOf(req: Request): Record<string, string | undefined> {
  const raw = req.query ?? Object.fromEntries(new URL(req.url ?? '/', 'http://local').searchParams);
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(raw)) out[k] = Array.isArray(v) ? v[0] : v;
  return out;
}

/**
 * The client's address for rate limits, never from a header the client writes: on Vercel the one
 * its edge sets (`x-vercel-forwarded-for`, else `x-real-ip`: Vercel overwrites both with the
 * address it saw), anywhere else the socket's peer. The first X-Forwarded-For entry is the
 * client's own text and is never read. Bounded in length whatever arrives.
 */
export function clientAddress(req: IncomingMessage, env: Record<string, string | undefined> = process.env): string {
  const header = (name: string) => {
    const v = req.headers[name];
    return (Array.isArray(v) ? v[0] : v)?.split(',')[0].trim();
  };
  const address = (env.VERCEL === '1' ? header('x-vercel-forwarded-for') || header('x-real-ip') : undefined) || req.socket?.remoteAddress || '';
  return address.slice(0, 64);
}

function bearer(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** One endpoint = one Vercel function: parse, authenticate, call one service, shape the answer. */
export function endpoint<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(def: EndpointDef<BS, QS>): Handler {
  return async (req, res) => {
    const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', requestId);
    let serviceKey: ServiceKeyAuth | null = null;
    try {
      if (req.method !== def.method) throw new AppError('NOT_FOUND', '接口不存在');
      const config = getConfig();
      let userId = '';
      if (def.auth !== 'none') {
        const token = bearer(req);
        if (token && looksLikeServiceKey(token)) {
          // v1.1 service keys: the key acts through its own user, with its role and scope (load-actor.ts).
          serviceKey = await authenticateServiceKey(await getDb(), token);
          if (serviceKey.revoked) throw new AppError('KEY_REVOKED');
          userId = serviceKey.userId;
        } else {
          const session = token ? verifySession(token, config.sessionSecret) : null;
          if (!session) throw new AppError('UNAUTHENTICATED', token ? '登录已过期，请重新登录' : undefined);
          userId = session.userId;
        }
      }
      const rawQuery = queryOf(req);
      let query: unknown = {};
      if (def.query) {
        const { id: _pathId, ...rest } = rawQuery;
        const parsed = def.query.safeParse(rest);
        if (!parsed.success) throw validationFailed(parsed.error);
        query = parsed.data;
      }
      // The database is reached before the body only where a permission check must come first.
      let db: Db | undefined;
      if (def.authorize) {
        db = await getDb();
        await def.authorize({ db, userId, query: query as Record<string, unknown> });
      }
      let body: unknown;
      let rawBody: Buffer | undefined;
      const type = mediaType(req);
      if (def.raw && def.raw.types.includes(type)) rawBody = await readRawBody(req, def.raw.maxBytes);
      else if (def.raw && !(def.body && (type === '' || type === 'application/json' || type === 'text/plain'))) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      else if (def.body) {
        const raw = readBody(req, def.maxBodyBytes ?? DEFAULT_MAX_BODY);
        const parsed = def.body.safeParse(raw ?? {});
        if (!parsed.success) throw validationFailed(parsed.error);
        body = parsed.data;
      }
      db ??= await getDb();
      const ctx = {
        db,
        body,
        query,
        userId,
        requestId,
        raw: rawBody,
        rawType: rawBody ? type : undefined,
        ip: clientAddress(req),
        header: (name: string) => {
          const v = req.headers[name.toLowerCase()];
          return Array.isArray(v) ? v[0] : v;
        },
        pathId: (name = 'id', schema: z.ZodType<string> = ZId) => {
          const v = rawQuery[name];
          if (!schema.safeParse(v).success) throw new AppError('NOT_FOUND');
          return v as string;
        },
      } as Parameters<EndpointDef<BS, QS>['handle']>[0];
      const reply = await def.handle(ctx);
      // A call made with a key is recorded before its answer leaves: unrecorded, it is not answered.
      if (serviceKey) await recordServiceKeyCall(db, serviceKey, { method: def.method, route: req.url?.split('?')[0] ?? '', status: reply.status ?? 200, requestId });
      if (reply.raw !== undefined) send(res, reply.status ?? 200, reply.raw, reply.headers ?? {});
      else sendJson(res, reply.status ?? 200, reply.body ?? null, reply.headers);
    } catch (err) {
      if (serviceKey) {
        const status = err instanceof AppError ? err.status : 500;
        const key = serviceKey;
        await getDb()
          .then((db) => recordServiceKeyCall(db, key, { method: def.method, route: req.url?.split('?')[0] ?? '', status, requestId }))
          .catch((auditErr: unknown) => log.warn('api_key_audit_failed', { requestId, ...errorFields(auditErr) }));
      }
      sendError(res, err, requestId, req.url?.split('?')[0]);
    }
  };
}
