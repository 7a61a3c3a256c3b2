// The local stand-in for Vercel: routes /api by vercel.json (the very table Vercel uses), hands
// requests to the same endpoint modules, and serves the mini-program's H5 build at /.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from './errors.js';
import { sendError, sendJson, type Handler, type Request } from './http.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VERCEL_BODY_LIMIT = Math.floor(4.5 * 1024 * 1024);

type VercelRoute = { src?: string; methods?: string[]; dest?: string; handle?: string };
type CompiledRoute = { re: RegExp; methods?: string[]; file: string; query: string };

function compileRoutes(): CompiledRoute[] {
  const config = JSON.parse(readFileSync(path.join(ROOT, 'vercel.json'), 'utf8')) as { routes: VercelRoute[] };
  return config.routes
    .filter((r): r is Required<Pick<VercelRoute, 'src' | 'dest'>> & VercelRoute => Boolean(r.src && r.dest))
    .map((r) => {
      const [file, query = ''] = r.dest.split('?');
      return { re: new RegExp(r.src), methods: r.methods, file: file.replace(/^\//, ''), query };
    });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

function readRaw(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > VERCEL_BODY_LIMIT) {
        resolve(null);
        req.resume();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(size > VERCEL_BODY_LIMIT ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** req.body as @vercel/node gives it: parsed lazily by content type; broken JSON throws on access. */
function defineVercelBody(req: Request, raw: Buffer) {
  let parsed: { value: unknown } | null = null;
  Object.defineProperty(req, 'body', {
    configurable: true,
    get() {
      if (parsed) return parsed.value;
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      let value: unknown = raw.length ? raw : undefined;
      if (raw.length && type === 'application/json') value = JSON.parse(raw.toString('utf8'));
      else if (raw.length && type === 'text/plain') value = raw.toString('utf8');
      else if (raw.length && type === 'application/x-www-form-urlencoded') value = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
      parsed = { value };
      return value;
    },
  });
}

/** A path segment as the client meant it; broken percent-encoding stays as sent (as an id it is then a 404). */
function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

async function serveStatic(staticDir: string, pathname: string, res: ServerResponse) {
  const safe = path.normalize(decodeSegment(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(staticDir, safe);
  if (!file.startsWith(staticDir)) file = path.join(staticDir, 'index.html');
  const s = await stat(file).catch(() => null);
  if (!s || s.isDirectory()) file = path.join(staticDir, 'index.html');
  const body = await readFile(file).catch(() => null);
  if (!body) {
    res.statusCode = 404;
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('H5 页面尚未构建：请先运行 npm run build:h5');
    return;
  }
  res.statusCode = 200;
  res.setHeader('content-type', MIME[path.extname(file)] ?? 'application/octet-stream');
  res.setHeader('cache-control', file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600');
  res.end(body);
}

export function createLocalServer(options: { staticDir?: string } = {}): Server {
  const routes = compileRoutes();
  const staticDir = options.staticDir ?? path.join(ROOT, 'miniapp/dist/h5');
  const modules = new Map<string, Promise<Handler>>();
  const load = (file: string) => {
    if (!modules.has(file)) modules.set(file, import(path.join(ROOT, file)).then((m: { default: Handler }) => m.default));
    return modules.get(file)!;
  };
  const handle = async (req: Request, res: ServerResponse) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (!url.pathname.startsWith('/api/') && url.pathname !== '/api') return await serveStatic(staticDir, url.pathname, res);
      const route = routes.find((r) => r.re.test(url.pathname) && (!r.methods || r.methods.includes(req.method ?? 'GET')));
      if (!route) return sendJson(res, 404, new AppError('NOT_FOUND', '接口不存在').toBody());
      const groups = route.re.exec(url.pathname)?.groups ?? {};
      const query: Record<string, string> = Object.fromEntries(url.searchParams);
      for (const [k, v] of new URLSearchParams(route.query)) query[k] = v.replace(/^\$(\w+)$/, (_m, name: string) => decodeSegment(groups[name] ?? ''));
      req.query = query;
      const raw = await readRaw(req);
      if (raw === null) return sendJson(res, 413, new AppError('PAYLOAD_TOO_LARGE').toBody(), { connection: 'close' });
      defineVercelBody(req, raw);
      await (await load(route.file))(req, res);
    } catch (err) {
      sendError(res, err, 'local');
    }
  };
  const server = createServer(handle);
  // Node answers by itself, with an empty body, a request its parser refuses (a control byte in a
  // header, headers over 16 KB) and an Expect header it does not know (417). Every refusal carries
  // the contract's error body, so both are answered here.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const error = err.code === 'HPE_HEADER_OVERFLOW' ? new AppError('PAYLOAD_TOO_LARGE', '请求头过大') : new AppError('BAD_JSON');
    const body = JSON.stringify(error.toBody());
    socket.end(`HTTP/1.1 ${error.status} ${STATUS_CODES[error.status]}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  server.on('checkExpectation', handle);
  return server;
}
