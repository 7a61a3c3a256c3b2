import { Text, View } from '@tarojs/components';
import type { TActivityWithMine } from '../services/contract';
import { CATEGORY_LABELS } from '../../../shared/domain/activities.js';
import { formatShortDateTime } from '../../../shared/domain/time.js';
import { myRegistrationBadge, seatsText, signupStateText } from '../hooks/use-activities';

export default function ActivityCard({ activity: a, now, onOpen }: { activity: TActivityWithMine; now: Date; onOpen: (id: string) => void }) {
  const state = signupStateText(a, now);
  const mine = myRegistrationBadge(a.myRegistration);
  return (
    <View className={`card activity-card${a.status === 'cancelled' ? ' activity-card--cancelled' : ''}`} data-id={a.id} onClick={() => onOpen(a.id)}>
      <View className="activity-card__top">
        <Text className="pill activity-card__category">{CATEGORY_LABELS[a.category]}</Text>
        {mine ? <Text className={`pill pill--${mine.tone} my-registration-badge`}>{mine.text}</Text> : null}
      </View>
      <View className="activity-card__title">{a.title}</View>
      <View className="activity-card__meta">
        <Text className="nowrap">{formatShortDateTime(a.startsAt)}</Text>
        <Text className="activity-card__dot">·</Text>
        <Text>{a.location.name}</Text>
      </View>
      <View className="activity-card__org muted">{a.orgName}</View>
      <View className="activity-card__bottom">
        <Text className={`pill pill--${state.tone} signup-state`}>{state.text}</Text>
        {a.status !== 'cancelled' ? <Text className={`seats-left${a.seatsLeft > 0 ? '' : ' seats-left--full'}`}>{seatsText(a)}</Text> : null}
      </View>
    </View>
  );
}
