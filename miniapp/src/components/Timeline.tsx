import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../../shared/domain/time.js';
import './Timeline.scss';

export type TimelineStep<S extends string> = { status: S; at: string; note?: string | null };

/**
 * 办理进度: the steps of a claim or an aid application, oldest first, the newest marked current,
 * each with its time (Asia/Shanghai) and the officer's note.
 */
export default function Timeline<S extends string>({ steps, labels, className }: { steps: TimelineStep<S>[]; labels: Record<S, string>; className: string }) {
  return (
    <View className={`card ${className}`}>
      {steps.map((t, i) => (
        <View key={`${t.status}-${t.at}-${i}`} className={`timeline-item${i === steps.length - 1 ? ' timeline-item--current' : ''}`}>
          <View className="timeline-item__dot" />
          <View className="timeline-item__body">
            <View className="row row--between">
              <Text className="timeline-item__status">{labels[t.status]}</Text>
              <Text className="timeline-item__at muted nowrap">{formatDateTime(t.at)}</Text>
            </View>
            {t.note ? <Text className="timeline-item__note">{t.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  );
}
