// A WebSocket-to-TCP proxy, so the Neon driver (which speaks the Postgres wire protocol inside a
// WebSocket) can reach the machine's plain PostgreSQL with no internet: the local stand-in for
// Neon's own proxy. Each WebSocket is one TCP connection; binary messages are passed on as they are.
//
// The driver opens `ws://<wsProxy>`; with Neon's default string form that is
// `ws://host:port/v2?address=<pg host>:<pg port>`. The `address` is honoured only for loopback
// hosts, so this never becomes an open proxy; without one the connection goes to `target`.
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type WsProxy = {
  /** `127.0.0.1:<port>/v2?address=<target>`: what createNeonDb's `wsProxy` option wants */
  wsProxy: string;
  port: number;
  /** WebSocket connections accepted since start */
  readonly connections: number;
  /** bytes passed from the WebSocket side to PostgreSQL */
  readonly bytesUp: number;
  close(): Promise<void>;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function targetOf(url: string | undefined, fallback: { host: string; port: number }) {
  const address = new URL(url ?? '/', 'http://proxy').searchParams.get('address');
  if (!address) return fallback;
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = Number(address.slice(at + 1));
  if (!LOOPBACK.has(host) || !Number.isInteger(port) || port <= 0 || port > 65535) return null;
  return { host, port };
}

export async function startWsProxy(options: { target?: { host: string; port: number } } = {}): Promise<WsProxy> {
  const target = options.target ?? { host: '127.0.0.1', port: 5432 };
  const server: Server = createServer((_req, res) => {
    res.statusCode = 426;
    res.end('WebSocket only');
  });
  const wss = new WebSocketServer({ server });
  const open = new Set<{ ws: WebSocket; tcp: Socket }>();
  let connections = 0;
  let bytesUp = 0;

  wss.on('connection', (ws, req) => {
    const to = targetOf(req.url, target);
    if (!to) {
      ws.close(1008, 'address not allowed');
      return;
    }
    connections++;
    // Writes before the TCP connection is up are queued by the socket, so nothing is lost.
    const tcp = connect(to.port, to.host);
    tcp.setNoDelay(true);
    const pair = { ws, tcp };
    open.add(pair);
    const end = () => {
      open.delete(pair);
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      bytesUp += chunk.length;
      tcp.write(chunk);
    });
    tcp.on('data', (chunk) => ws.send(chunk, { binary: true }));
    ws.on('close', end);
    ws.on('error', end);
    tcp.on('close', end);
    tcp.on('error', end);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    wsProxy: `127.0.0.1:${port}/v2?address=${target.host}:${target.port}`,
    port,
    get connections() {
      return connections;
    },
    get bytesUp() {
      return bytesUp;
    },
    async close() {
      for (const { ws, tcp } of open) {
        tcp.destroy();
        ws.terminate();
      }
      open.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
