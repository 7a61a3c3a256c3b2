// A deliberately dumb HTTP/1.1 client over a TCP socket. fetch() and node:http refuse to send
// what an attacker sends anyway (invalid header bytes, unnormalised paths, broken percent
// encoding, a Content-Length that lies), so the fuzzer writes the request bytes itself.
import net from 'node:net';

export type RawRequest = {
  method: string;
  /** the request target exactly as written on the request line */
  target: string;
  headers: [string, string][];
  body?: Buffer;
};

export type RawReply = { status: number; headers: Record<string, string>; body: Buffer; text: string };

function dechunk(buf: Buffer): Buffer {
  const out: Buffer[] = [];
  let i = 0;
  while (i < buf.length) {
    const lineEnd = buf.indexOf('\r\n', i);
    if (lineEnd < 0) break;
    const size = parseInt(buf.subarray(i, lineEnd).toString('latin1'), 16);
    if (!size) break;
    out.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    i = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}

/** Sends one request with `Connection: close` and reads the whole answer. */
export function rawRequest(port: number, req: RawRequest, timeoutMs = 15_000): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${req.method} ${req.target.slice(0, 200)}`));
    }, timeoutMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (err) => {
      // The server may answer and close before it has read the whole (oversize) body: EPIPE/ECONNRESET
      // after an answer arrived is fine; without one it is a failure.
      if (chunks.length) return;
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      if (split < 0) return reject(new Error(`no HTTP answer to ${req.method} ${req.target.slice(0, 200)}: ${JSON.stringify(all.toString('latin1').slice(0, 200))}`));
      const [statusLine, ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const at = l.indexOf(':');
        if (at > 0) headers[l.slice(0, at).trim().toLowerCase()] = l.slice(at + 1).trim();
      }
      let body: Buffer = all.subarray(split + 4);
      if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, text: body.toString('utf8') });
    });
    socket.on('connect', () => {
      const body = req.body ?? Buffer.alloc(0);
      const head = [`${req.method} ${req.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
      const names = new Set(req.headers.map(([k]) => k.toLowerCase()));
      for (const [k, v] of req.headers) head.push(`${k}: ${v}`);
      if (!names.has('content-length') && !names.has('transfer-encoding')) head.push(`Content-Length: ${body.length}`);
      socket.write(Buffer.concat([Buffer.from(head.join('\r\n') + '\r\n\r\n', 'utf8'), body]));
    });
  });
}
