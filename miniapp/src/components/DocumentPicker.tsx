// One row per document: 拍照 / 相册, each photo uploaded at once in chunks (services/resumable-upload),
// with its progress (上传中 45%); one the network would not carry shows 网络不佳，点此继续上传, and a
// tap resumes it where the server stands. The ids uploaded stay with the form whatever happens to the rest.
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { pickPhotos, uploadPhoto, PhotoError, type PickedPhoto } from '../services/photo-upload';
import { progressLabel, STALLED_MESSAGE, UploadStalled, type ResumePoint } from '../services/resumable-upload';
import { errorMessage } from '../services/api';
import { toast } from '../utils/feedback';
import { CLAIM_DOCUMENT_LABELS, type ClaimDocumentKey } from '../../../shared/domain/claim-documents.js';
import './DocumentPicker.scss';

export type UploadedDoc = { key: ClaimDocumentKey; uploadId: string; preview: string; name: string };

/** A photo on its way: its progress, or where it stalled. */
type Pending = { n: number; photo: PickedPhoto; label: string; resume?: ResumePoint };
let serial = 0;

export default function DocumentPicker(props: { docKey: ClaimDocumentKey; required?: boolean; docs: UploadedDoc[]; onAdd: (d: UploadedDoc) => void; onRemove: (uploadId: string) => void }) {
  const [pending, setPending] = useState<Pending[]>([]);
  const mine = props.docs.filter((d) => d.key === props.docKey);
  const update = (n: number, change: Partial<Pending> | null) =>
    setPending((list) => (change === null ? list.filter((p) => p.n !== n) : list.map((p) => (p.n === n ? { ...p, ...change } : p))));

  const send = async (item: Pending) => {
    update(item.n, { label: progressLabel(item.resume?.offset ?? 0, item.photo.size), resume: undefined });
    try {
      const up = await uploadPhoto(item.photo, { resume: item.resume, onProgress: (sent, size) => update(item.n, { label: progressLabel(sent, size) }) });
      update(item.n, null);
      props.onAdd({ key: props.docKey, uploadId: up.id, preview: item.photo.preview, name: item.photo.name });
    } catch (err) {
      if (err instanceof UploadStalled) return update(item.n, { label: STALLED_MESSAGE, resume: err.resume });
      update(item.n, null);
      toast(errorMessage(err));
    }
  };

  const add = async (source: 'camera' | 'album') => {
    let photos;
    try {
      photos = await pickPhotos(source);
    } catch (err) {
      toast(err instanceof PhotoError ? err.message : '读取照片失败，请重新选择');
      return;
    }
    const items = photos.map((photo) => ({ n: ++serial, photo, label: progressLabel(0, photo.size) }));
    setPending((list) => [...list, ...items]);
    for (const item of items) await send(item);
  };

  return (
    <View className={`doc-row doc-row--${props.docKey}`} data-key={props.docKey}>
      <View className="row row--between">
        <Text className="doc-row__label">
          {CLAIM_DOCUMENT_LABELS[props.docKey]}
          {props.required ? <Text className="doc-row__required">（必传）</Text> : null}
        </Text>
        <View className="doc-row__actions">
          <Text className="link doc-row__camera" onClick={() => void add('camera')}>拍照</Text>
          <Text className="link doc-row__album" onClick={() => void add('album')}>相册/文件</Text>
        </View>
      </View>
      {pending.map((p) =>
        p.resume ? (
          <View key={p.n} className="link doc-row__resume" onClick={() => void send(p)}>
            {p.label}
          </View>
        ) : (
          <View key={p.n} className="muted doc-row__sending">
            {p.label}
          </View>
        ),
      )}
      <View className="doc-row__files">
        {mine.map((d) => (
          <View key={d.uploadId} className="doc-file">
            {d.preview ? <Image className="doc-file__thumb" src={d.preview} mode="aspectFill" /> : <View className="doc-file__thumb doc-file__pdf">PDF</View>}
            <Text className="doc-file__ok">已上传</Text>
            <Text className="link doc-file__remove" onClick={() => props.onRemove(d.uploadId)}>移除</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
