// The resumable upload endpoints (docs/uploads.md "Resumable uploads") as a RawSender for the
// mini-program's tests: sessions, chunks at Upload-Offset, 409 with the offset, the last chunk
// making one upload. `fault` decides, per request, whether it is lost before the server sees it
// ('before'), or its answer is lost after the server acted on it ('after').
import type { RawBody, RawExtra, RawResponse, RawSender } from '../../../miniapp/src/services/raw-upload';

export type SentRequest = { method: string; path: string; offset?: number; length?: number };
type Session = { id: string; type: string; size: number; chunks: Uint8Array[]; received: number; upload: { id: string; contentType: string; size: number } | null; finalOffset?: number };

export function fakeUploadServer(options: { chunkSize?: number; sniff?: (bytes: Uint8Array) => string | null } = {}) {
  const sessions = new Map<string, Session>();
  const uploads = new Map<string, Uint8Array>();
  const requests: SentRequest[] = [];
  let fault: (r: SentRequest, index: number) => 'before' | 'after' | null = () => null;
  let n = 0;
  const json = (statusCode: number, data: unknown, header: Record<string, string> = {}): RawResponse => ({ statusCode, data, header });
  const sessionBody = (s: Session) => ({ sessionId: s.id, contentType: s.type, size: s.size, offset: s.received, chunkSize: options.chunkSize ?? 1000, expiresAt: '2026-12-01T10:00:00+08:00', upload: s.upload });
  const bytesOf = async (b: RawBody | undefined): Promise<Uint8Array> =>
    b === undefined ? new Uint8Array() : typeof b === 'string' ? new TextEncoder().encode(b) : b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(await (b as Blob).arrayBuffer());

  function act(req: SentRequest, body: Uint8Array): RawResponse {
    if (req.method === 'POST') {
      const { contentType, size } = JSON.parse(new TextDecoder().decode(body)) as { contentType: string; size: number };
      const s: Session = { id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, type: contentType, size, chunks: [], received: 0, upload: null };
      sessions.set(s.id, s);
      return json(201, sessionBody(s));
    }
    const s = sessions.get(req.path.split('/').pop()!);
    if (!s) return json(404, { error: { code: 'NOT_FOUND', message: '未找到这次上传，请重新选择文件上传' } });
    if (req.method === 'GET') return json(200, sessionBody(s));
    const offset = req.offset!;
    if (s.upload) return offset === s.finalOffset ? json(200, s.upload) : json(409, { error: { code: 'UPLOAD_OFFSET_MISMATCH', message: '这个文件已经上传完成', offset: s.size } });
    if (offset < s.received && offset + body.length <= s.received) return json(200, { offset: s.received, size: s.size });
    if (offset !== s.received) return json(409, { error: { code: 'UPLOAD_OFFSET_MISMATCH', message: '上传进度不一致', offset: s.received } });
    s.chunks.push(body);
    s.received += body.length;
    if (s.received < s.size) return json(200, { offset: s.received, size: s.size });
    const whole = new Uint8Array(s.size);
    let at = 0;
    for (const c of s.chunks) {
      whole.set(c, at);
      at += c.length;
    }
    if (options.sniff && options.sniff(whole) !== s.type) {
      s.chunks.pop();
      s.received -= body.length;
      return json(415, { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只能上传 JPG、PNG 图片或 PDF 文件（文件内容与类型不符）' } });
    }
    const id = `11111111-1111-4111-8111-${String(uploads.size + 1).padStart(12, '0')}`;
    uploads.set(id, whole);
    s.upload = { id, contentType: s.type, size: s.size };
    s.finalOffset = offset;
    return json(201, s.upload);
  }

  const sender: RawSender = async (url: string, body: RawBody | undefined, _type: string, _timeout?: number, extra: RawExtra = {}) => {
    const method = extra.method ?? 'POST';
    const path = url.replace(/^[a-z]+:\/\/[^/]+/, '').split('?')[0];
    const bytes = await bytesOf(body);
    const offsetHeader = extra.headers?.['Upload-Offset'];
    const req: SentRequest = { method, path, ...(offsetHeader !== undefined ? { offset: Number(offsetHeader), length: bytes.length } : {}) };
    requests.push(req);
    const f = fault(req, requests.length - 1);
    if (f === 'before') throw new Error('request:fail timeout');
    const res = act(req, bytes);
    if (f === 'after') throw new Error('request:fail timeout');
    return res;
  };

  return {
    sender,
    sessions,
    uploads,
    requests,
    puts: () => requests.filter((r) => r.method === 'PUT'),
    setFault(f: typeof fault) {
      fault = f;
    },
  };
}
