import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

/** One labelled row of a detail card: 活动时间 … / 申请金额 …. */
export default function KeyValue({ label, children, valueClassName }: { label: string; children: ReactNode; valueClassName?: string }) {
  return (
    <View className="kv">
      <Text className="kv__k">{label}</Text>
      <Text className={valueClassName ? `kv__v ${valueClassName}` : 'kv__v'}>{children}</Text>
    </View>
  );
}
