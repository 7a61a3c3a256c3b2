// 反映问题 at a love station (issue #18) with an optional photo: after the kind, the rider may add
// one photo (taken or chosen, compressed on the phone to ≤ 1 MB by services/photo-upload), which is
// uploaded in chunks by the one resumable uploader (services/resumable-upload) and sent as the
// report's uploadId. When the network will not carry it, the rider may 继续上传 (it resumes where
// it stopped, not from the start) or send the report without it. A photo that cannot be read or
// uploaded never costs the report: the rider is told, in Chinese.
import { ApiError, errorMessage } from '../../services/api';
import { stationsApi } from './stations-api';
import { pickOnePhoto, PhotoError, uploadPhoto, type PickedPhoto } from '../../services/photo-upload';
import type { TStationReport, TStationReportKind, TStationReportRequest } from '../../services/contract';
import { progressLabel, STALLED_MESSAGE, UploadStalled, type ResumePoint } from '../../services/resumable-upload';
import { confirm } from '../../utils/feedback';

export type ReportSteps = {
  /** 添加照片? true: pick one. */
  wantsPhoto: () => Promise<boolean>;
  /** one photo taken or chosen, compressed; null when the picker was closed */
  pick: () => Promise<PickedPhoto | null>;
  /** the photo did not go up (why): send the report without it? */
  sendWithoutPhoto: (why: string) => Promise<boolean>;
  /** while the photo uploads: 上传中 45%, then null when done */
  busy?: (label: string | null) => void;
  /** the network would not carry the photo: try again from where it stopped? */
  resumeStalled: () => Promise<boolean>;
};

export const reportSteps: ReportSteps = {
  wantsPhoto: () => confirm('添加照片', '可以拍一张现场照片，方便工会核实处理（可不加）。', '添加照片', '不加照片'),
  pick: pickOnePhoto,
  sendWithoutPhoto: (why) => confirm('照片未上传', `${why}\n可以不带照片，直接提交问题反映。`, '直接提交', '取消'),
  resumeStalled: () => confirm('网络不佳', '照片还没传完，可以接着上次的进度继续上传。', '继续上传', '不传照片'),
};

/** What went wrong with the photo, in words for the rider. */
export function photoProblem(err: unknown): string {
  if (err instanceof PhotoError) return err.message;
  if (err instanceof ApiError) return errorMessage(err);
  return '照片没有传上去，请稍后重试';
}

export type ReportOutcome = { report: TStationReport; withPhoto: boolean } | null;

/**
 * Sends a report of `kind` on station `stationId`, with a photo when the rider adds one and it
 * uploads. null: the rider gave up (chose not to send after a failed photo). Errors of the report
 * itself are thrown to the page.
 */
export async function sendStationReport(stationId: string, kind: TStationReportKind, steps: ReportSteps = reportSteps): Promise<ReportOutcome> {
  let uploadId: string | undefined;
  if (await steps.wantsPhoto()) {
    try {
      const photo = await steps.pick();
      if (photo) {
        if (photo.type === 'application/pdf') throw new PhotoError('请选择一张照片（JPG 或 PNG）');
        let resume: ResumePoint | undefined;
        for (;;) {
          steps.busy?.(progressLabel(resume?.offset ?? 0, photo.size));
          try {
            uploadId = (await uploadPhoto(photo, { resume, onProgress: (sent, size) => steps.busy?.(progressLabel(sent, size)) })).id;
            break;
          } catch (err) {
            if (!(err instanceof UploadStalled)) throw err;
            resume = err.resume;
            steps.busy?.(null);
            if (!(await steps.resumeStalled())) throw new PhotoError(STALLED_MESSAGE.replace('，点此继续上传', '，照片没有传完'));
          } finally {
            steps.busy?.(null);
          }
        }
      }
    } catch (err) {
      if (!(await steps.sendWithoutPhoto(photoProblem(err)))) return null;
    }
  }
  const body: TStationReportRequest = uploadId ? { kind, uploadId } : { kind };
  const report = await stationsApi.report(stationId, body);
  return { report, withPhoto: uploadId !== undefined };
}
