import { Pool, neonConfig } from '@neondatabase/serverless';
import type pg from 'pg';
import { poolDb } from './node-pg.js';
import type { Db } from './types.js';

/**
 * The Neon driver speaks over a WebSocket: Node 22 (Vercel's runtime) has one built in; on
 * Node 20 the `ws` package stands in.
 */
export async function ensureNeonWebSocket(): Promise<void> {
  if (typeof globalThis.WebSocket !== 'undefined' || neonConfig.webSocketConstructor) return;
  const ws = await import('ws');
  neonConfig.webSocketConstructor = ws.WebSocket;
}

/** Neon over WebSockets: transactions work, unlike the one-shot HTTP driver. */
export function createNeonDb(connectionString: string, options: { wsProxy?: string } = {}): Db {
  if (options.wsProxy) {
    // Local tests reach a plain PostgreSQL through a WebSocket-to-TCP proxy.
    neonConfig.wsProxy = () => options.wsProxy as string;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  const pool = new Pool({ connectionString, max: 5 });
  pool.on('error', () => undefined);
  return poolDb('neon', pool as unknown as pg.Pool);
}

export function isNeonUrl(url: string): boolean {
  try {
    return /(^|\.)neon\.(tech|build)$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
