// Photos and PDFs for applications (issue #17): chosen or taken on the phone, compressed on the
// device to ≤ 1 MB, and sent in chunks through the resumable uploads (services/resumable-upload:
// a lost chunk resumes where the server stands, never from byte 0).
//
// Why not Taro.uploadFile: in weapp it is wx.uploadFile, which always sends multipart/form-data,
// and the chunks are raw bytes. So weapp reads each chunk of the file
// (getFileSystemManager().readFile with position and length, base library ≥ 2.10) and sends it
// with Taro.request (wx.request sends an ArrayBuffer `data` as the raw body); H5 sends Blob slices
// with fetch. Each file is uploaded on its own, so a lost connection costs at most one photo's
// progress, not the form: the ids already uploaded stay in the form.
import Taro from '@tarojs/taro';
import type { TUpload } from './contract';
import { IS_H5 } from './platform';
import { setRawSender, setRawSleep } from './raw-upload';
import { uploadResumable, type ResumePoint, type UploadSource } from './resumable-upload';

export const TARGET_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type PickedPhoto = {
  name: string;
  size: number;
  type: UploadType;
  preview: string;
  read: () => Promise<ArrayBuffer | Blob>;
  /** bytes [start, end) without reading the rest (weapp: readFile with position/length) */
  slice?: (start: number, end: number) => Promise<ArrayBuffer | Blob>;
};
export type UploadType = 'image/jpeg' | 'image/png' | 'application/pdf';

export class PhotoError extends Error {}

/** The media type the first bytes say (the server checks the same way); null for anything else. */
export function sniffType(head: Uint8Array): UploadType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head.length >= 5 && head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46 && head[4] === 0x2d) return 'application/pdf';
  return null;
}

// ---------- weapp ----------

function readWeappFile(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({ filePath, success: (r) => resolve(r.data as ArrayBuffer), fail: () => reject(new PhotoError('读取照片失败，请重新选择')) }),
  );
}

/** Bytes [start, end) of a file on the phone: only those are read (base library ≥ 2.10). */
function readWeappSlice(filePath: string, start: number, end: number): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath,
      position: start,
      length: end - start,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: () => reject(new PhotoError('读取照片失败，请重新选择')),
    }),
  );
}

function fileSize(filePath: string): Promise<number> {
  return new Promise((resolve) =>
    Taro.getFileSystemManager().getFileInfo({ filePath, success: (r) => resolve(r.size), fail: () => resolve(Number.MAX_SAFE_INTEGER) }),
  );
}

/** Taro.compressImage at falling quality until the photo is ≤ 1 MB (or as small as it gets). */
async function compressInWeapp(path: string, size: number): Promise<{ path: string; size: number }> {
  let best = { path, size };
  for (const quality of [70, 50, 30]) {
    if (best.size <= TARGET_BYTES) break;
    try {
      const res = await Taro.compressImage({ src: path, quality });
      const s = await fileSize(res.tempFilePath);
      if (s < best.size) best = { path: res.tempFilePath, size: s };
    } catch {
      break; // not available (old base library): send it as it is, the server takes up to 5 MB
    }
  }
  return best;
}

async function pickInWeapp(sources: ('camera' | 'album')[], count: number): Promise<PickedPhoto[]> {
  let res: Taro.chooseMedia.SuccessCallbackResult;
  try {
    res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: sources, sizeType: ['compressed'] });
  } catch {
    return []; // closed without choosing
  }
  const out: PickedPhoto[] = [];
  for (const f of res.tempFiles) {
    const small = await compressInWeapp(f.tempFilePath, f.size);
    if (small.size > MAX_UPLOAD_BYTES) throw new PhotoError('照片超过5MB，请重新拍摄');
    const type: UploadType = /\.png$/i.test(small.path) ? 'image/png' : 'image/jpeg';
    out.push({ name: small.path.split('/').pop() ?? 'photo.jpg', size: small.size, type, preview: small.path, read: () => readWeappFile(small.path), slice: (a, b) => readWeappSlice(small.path, a, b) });
  }
  return out;
}

// ---------- H5 ----------

/** In the browser: a JPEG re-encoded on a canvas, at most 1600 px on the long side, until ≤ 1 MB. */
async function compressInBrowser(file: File): Promise<Blob> {
  if (file.size <= TARGET_BYTES || file.type === 'application/pdf' || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    for (const q of [0.8, 0.6, 0.4]) {
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', q));
      if (blob && (blob.size <= TARGET_BYTES || q === 0.4)) return blob;
    }
  } catch {
    /* an image the browser cannot draw: send it as it is */
  }
  return file;
}

function pickInBrowser(source: 'camera' | 'album'): Promise<PickedPhoto[]> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,application/pdf';
    if (source === 'camera') input.setAttribute('capture', 'environment');
    else input.multiple = true;
    input.className = 'photo-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []);
      input.remove();
      void Promise.all(
        files.map(async (f) => {
          const blob = await compressInBrowser(f);
          if (blob.size > MAX_UPLOAD_BYTES) throw new PhotoError('文件超过5MB，请压缩后再上传');
          const type = sniffType(new Uint8Array(await blob.slice(0, 8).arrayBuffer()));
          if (!type) throw new PhotoError('只能上传 JPG、PNG 照片或 PDF 文件');
          return { name: f.name, size: blob.size, type, preview: type === 'application/pdf' ? '' : URL.createObjectURL(blob), read: async () => blob, slice: async (a, b) => blob.slice(a, b) } satisfies PickedPhoto;
        }),
      ).then(resolve, reject);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Photos taken now or chosen from the album (H5: files, PDF too), compressed to ≤ 1 MB. [] when closed. */
export function pickPhotos(source: 'camera' | 'album'): Promise<PickedPhoto[]> {
  return IS_H5 ? pickInBrowser(source) : pickInWeapp([source], source === 'camera' ? 1 : 9);
}

/** One photo, taken now or chosen (weapp: WeChat's own 拍摄/从相册选择 sheet), compressed to ≤ 1 MB; null when closed. */
export async function pickOnePhoto(): Promise<PickedPhoto | null> {
  const picked = IS_H5 ? await pickInBrowser('album') : await pickInWeapp(['camera', 'album'], 1);
  return picked[0] ?? null;
}

// ---------- upload ----------

/** Tests replace the clock of the backoff (services/raw-upload). */
export const setUploadSleep = setRawSleep;
/** Tests replace the network (services/raw-upload). */
export const setUploadSender = setRawSender;

/** The photo as the resumable uploader reads it; its type is what its first bytes say, as on the server. */
export async function photoSource(photo: PickedPhoto): Promise<UploadSource> {
  let whole: ArrayBuffer | Blob | null = null;
  const slice = photo.slice ?? (async (a: number, b: number) => (whole ??= await photo.read()).slice(a, b));
  const head = await slice(0, Math.min(8, photo.size));
  const bytes = typeof Blob !== 'undefined' && head instanceof Blob ? new Uint8Array(await head.arrayBuffer()) : new Uint8Array(head as ArrayBuffer);
  return { size: photo.size, type: sniffType(bytes) || photo.type, slice };
}

/**
 * Uploads one photo in chunks; a lost chunk is retried from where the server stands. When the
 * network will not carry it, throws UploadStalled (services/resumable-upload): calling again with
 * its `resume` continues the same upload (网络不佳，点此继续上传).
 */
export async function uploadPhoto(photo: PickedPhoto, options: { resume?: ResumePoint; onProgress?: (sent: number, size: number) => void } = {}): Promise<TUpload> {
  return uploadResumable(await photoSource(photo), options);
}
