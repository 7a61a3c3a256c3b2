// Uploads (issue #17, api.md "Aid applications"): the photos and PDFs attached to applications.
import { z } from './zod.js';

/** The media types an upload may have; its bytes must say the same (magic bytes). */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** ≤ 5 MB (5 × 1024 × 1024 bytes). */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;

/** An upload's id: a random UUID, so that one id tells nothing about another. */
export const ZUploadId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: '材料编号格式不正确' })
  .meta({ description: 'an upload id: a random UUID (lowercase)' });
export const ZUploadType = z.enum(UPLOAD_TYPES);
export const ZUpload = z.object({ id: ZUploadId, contentType: ZUploadType, size: z.number().int().min(1).max(UPLOAD_MAX_BYTES) });

/** A document attached to an application: which of the required documents (`key`) and the upload. */
export const ZDocumentRef = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: '材料类别只能是小写字母、数字和下划线' }),
  uploadId: ZUploadId,
});

// ---------- resumable uploads (extension: docs/api-extensions.md "Resumable uploads") ----------

/** The chunk size the server proposes: small enough to get through a weak signal, ~4–20 per photo. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** The largest chunk taken: under Vercel's 4.5 MB request body limit. */
export const UPLOAD_CHUNK_MAX_BYTES = 4 * 1024 * 1024;
/** Chunks are sent raw with one of these media types (tus's, or the generic one). */
export const UPLOAD_CHUNK_TYPES = ['application/offset+octet-stream', 'application/octet-stream'] as const;
/** How long a session may take from its start; then its bytes go. */
export const UPLOAD_SESSION_HOURS = 24;

export const ZUploadSessionId = ZUploadId.meta({ description: 'an upload session id: a random UUID (lowercase)' });
export const ZUploadSessionInput = z.object({
  contentType: z.string().meta({ description: 'image/jpeg, image/png or application/pdf (another: 415)' }),
  size: z.number().int().min(1, { message: '文件是空的，请重新选择' }).meta({ description: 'bytes of the whole file; over 5 MB: 413' }),
});
export const ZUploadSession = z.object({
  sessionId: ZUploadSessionId,
  contentType: ZUploadType,
  size: z.number().int().min(1).max(UPLOAD_MAX_BYTES),
  /** bytes received so far: where the next chunk starts */
  offset: z.number().int().min(0),
  chunkSize: z.number().int().min(1),
  expiresAt: z.string(),
  /** the upload the session became, once its last chunk arrived */
  upload: ZUpload.nullable(),
});
/** The answer to a chunk that is not the last: where the next one starts. */
export const ZUploadChunkAccepted = z.object({ offset: z.number().int().min(0), size: z.number().int().min(1) });

export type TUploadType = z.infer<typeof ZUploadType>;
export type TUpload = z.infer<typeof ZUpload>;
export type TDocumentRef = z.infer<typeof ZDocumentRef>;
export type TUploadSession = z.infer<typeof ZUploadSession>;
export type TUploadChunkAccepted = z.infer<typeof ZUploadChunkAccepted>;
