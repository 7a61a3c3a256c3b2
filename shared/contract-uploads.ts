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

export type TUploadType = z.infer<typeof ZUploadType>;
export type TUpload = z.infer<typeof ZUpload>;
export type TDocumentRef = z.infer<typeof ZDocumentRef>;
