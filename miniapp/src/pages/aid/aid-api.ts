// The aid endpoints (issue #17) on the one request client, and the documents' photos: chosen or
// taken on the phone, compressed there to ≤ 1 MB, sent through the resumable uploads
// (services/resumable-upload), like every other photo of the app.
import Taro from '@tarojs/taro';
import { request } from '../../services/api';
import { memorySource, uploadResumable, type ResumePoint, type UploadType } from '../../services/resumable-upload';
import {
  ZAidApplication,
  ZAidApplicationList,
  ZAidEligibility,
  ZAidProgramList,
  ZAidPublicity,
  type TAidApplicationInput,
  type TAidApplicationPatch,
  type TUpload,
} from '../../services/contract';
import { IS_H5 } from '../../services/platform';

const enc = encodeURIComponent;

export const aidApi = {
  programs: () => request({ path: '/aid-programs', schema: ZAidProgramList }),
  eligibility: (programId: string) => request({ path: `/aid-programs/${enc(programId)}/eligibility`, schema: ZAidEligibility }),
  apply: (programId: string, body: TAidApplicationInput) => request({ method: 'POST', path: `/aid-programs/${enc(programId)}/applications`, body, schema: ZAidApplication }),
  mine: () => request({ path: '/me/aid-applications', query: { limit: 50 }, schema: ZAidApplicationList }),
  application: (id: string) => request({ path: `/aid-applications/${enc(id)}`, schema: ZAidApplication }),
  resubmit: (id: string, body: TAidApplicationPatch) => request({ method: 'PATCH', path: `/aid-applications/${enc(id)}`, body, schema: ZAidApplication }),
  publicity: (programId: string) => request({ path: `/aid-programs/${enc(programId)}/publicity`, schema: ZAidPublicity, auth: false }),
};

/** Photos are compressed on the phone to at most this (the server takes up to 5 MB, PDFs included). */
export const MAX_PHOTO_BYTES = 1024 * 1024;

export class PickError extends Error {}

export type Picked = { body: ArrayBuffer | Blob; contentType: string; size: number };

function typeOf(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  if (bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'application/pdf';
  return null;
}

function fileSize(path: string): Promise<number> {
  return new Promise((resolve) =>
    Taro.getFileSystemManager().getFileInfo({ filePath: path, success: (r) => resolve(r.size), fail: () => resolve(Number.MAX_SAFE_INTEGER) }),
  );
}

function readFile(path: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath: path, success: (r) => resolve(r.data as ArrayBuffer), fail: () => reject(new PickError('读取照片失败，请重新选择')) }),
  );
}

/** weapp: the camera or the album; WeChat's own compression first, then lower quality until ≤ 1 MB. */
async function pickInWeapp(): Promise<Picked | null> {
  let path: string;
  let size: number;
  try {
    const res = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] });
    path = res.tempFiles[0].tempFilePath;
    size = res.tempFiles[0].size;
  } catch {
    return null; // closed without choosing
  }
  for (let quality = 80; size > MAX_PHOTO_BYTES && quality >= 20; quality -= 20) {
    path = (await Taro.compressImage({ src: path, quality })).tempFilePath;
    size = await fileSize(path);
  }
  if (size > MAX_PHOTO_BYTES) throw new PickError('照片太大，请靠近一些重新拍摄');
  const body = await readFile(path);
  const contentType = typeOf(new Uint8Array(body, 0, Math.min(8, body.byteLength)));
  if (!contentType) throw new PickError('只能上传 JPG、PNG 照片或 PDF 文件');
  return { body, contentType, size: body.byteLength };
}

/** H5: a file input; a large photo is redrawn smaller as JPEG until it fits in 1 MB. */
function pickInBrowser(): Promise<Picked | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,application/pdf';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      void shrinkInBrowser(file).then(resolve, reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

async function shrinkInBrowser(file: File): Promise<Picked> {
  if (file.size <= MAX_PHOTO_BYTES || file.type === 'application/pdf') {
    if (file.size > 5 * 1024 * 1024) throw new PickError('文件不能超过 5 MB');
    return { body: file, contentType: file.type || 'image/jpeg', size: file.size };
  }
  const bitmap = await createImageBitmap(file);
  let scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  for (let attempt = 0; attempt < 6; attempt++) {
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.8));
    if (blob && blob.size <= MAX_PHOTO_BYTES) return { body: blob, contentType: 'image/jpeg', size: blob.size };
    scale *= 0.75;
  }
  throw new PickError('照片太大，请换一张');
}

export function pickDocument(): Promise<Picked | null> {
  return IS_H5 ? pickInBrowser() : pickInWeapp();
}

/**
 * The photo, sent in chunks: a lost chunk is retried from where the server stands; when the network
 * will not carry it, UploadStalled, whose `resume` continues it (网络不佳，点此继续上传).
 */
export async function uploadDocument(picked: Picked, options: { resume?: ResumePoint; onProgress?: (sent: number, size: number) => void } = {}): Promise<TUpload> {
  return uploadResumable(memorySource(picked.body, picked.contentType as UploadType), options);
}
