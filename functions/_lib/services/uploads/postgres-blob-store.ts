import type { BlobStore } from './blob-store.js';

/** Upload bytes in PostgreSQL (`upload_contents.bytes`): the embedded default and any DATABASE_URL. */
export function createPostgresBlobStore(): BlobStore {
  return {
    kind: 'postgres',
    async put(q, { id, bytes }) {
      await q.query('insert into upload_contents (upload_id, bytes) values ($1, $2)', [id, bytes]);
      return null;
    },
    async get(q, { id }) {
      const { rows } = await q.query<{ bytes: Uint8Array }>('select bytes from upload_contents where upload_id = $1', [id]);
      if (!rows[0]) return null;
      const b = rows[0].bytes;
      return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    },
    async delete(q, { id }) {
      await q.query('delete from upload_contents where upload_id = $1', [id]);
    },
  };
}
