// One row per document: 拍照 / 相册, each photo uploaded at once (retried on a weak network), with
// what was sent and what failed. The ids uploaded stay with the form whatever happens to the rest.
import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { pickPhotos, uploadPhoto, PhotoError } from '../services/photo-upload';
import { errorMessage } from '../services/api';
import { toast } from '../utils/feedback';
import { CLAIM_DOCUMENT_LABELS, type ClaimDocumentKey } from '../../../shared/domain/claim-documents.js';
import './DocumentPicker.scss';

export type UploadedDoc = { key: ClaimDocumentKey; uploadId: string; preview: string; name: string };

export default function DocumentPicker(props: { docKey: ClaimDocumentKey; required?: boolean; docs: UploadedDoc[]; onAdd: (d: UploadedDoc) => void; onRemove: (uploadId: string) => void }) {
  const [sending, setSending] = useState(0);
  const mine = props.docs.filter((d) => d.key === props.docKey);

  const add = async (source: 'camera' | 'album') => {
    let photos;
    try {
      photos = await pickPhotos(source);
    } catch (err) {
      toast(err instanceof PhotoError ? err.message : '读取照片失败，请重新选择');
      return;
    }
    for (const p of photos) {
      setSending((n) => n + 1);
      try {
        const up = await uploadPhoto(p);
        props.onAdd({ key: props.docKey, uploadId: up.id, preview: p.preview, name: p.name });
      } catch (err) {
        toast(errorMessage(err));
      } finally {
        setSending((n) => n - 1);
      }
    }
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
      {sending > 0 ? <View className="muted doc-row__sending">正在上传…</View> : null}
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
