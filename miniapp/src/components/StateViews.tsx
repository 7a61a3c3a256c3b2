// The three states every page has besides its content: loading, error, empty.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import Button from './ui/button';
import Empty from './ui/empty';
import type { UiError } from '../hooks/resource';

export function LoadingView({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="state-loading">
      <View className="spinner" />
      <Text className="state-loading__text">{text}</Text>
    </View>
  );
}

/** A calm glyph drawn in CSS, so no picture is fetched from a third-party CDN. */
function Glyph({ mark }: { mark: string }) {
  return (
    <View className="state-glyph">
      <Text className="state-glyph__mark">{mark}</Text>
    </View>
  );
}

export function EmptyView({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <View className="state-empty">
      <Empty image={<Glyph mark="空" />} imageSize={96} title={title} description={description ?? ''} />
      {action ? <View className="state-actions">{action}</View> : null}
    </View>
  );
}

export function ErrorView({ error, onRetry, action }: { error: UiError; onRetry?: () => void; action?: ReactNode }) {
  return (
    <View className="state-error">
      <Empty image={<Glyph mark={error.code === 'NETWORK' ? '网' : '!'} />} imageSize={96} title={error.message} description="" />
      <View className="state-actions">
        {action}
        {onRetry ? (
          <Button className="state-retry" type="primary" fill="outline" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** A one-line notice above content (offline copy, a failed refresh with data still shown). */
export function NoticeBar({ text, tone = 'info' }: { text: string; tone?: 'info' | 'warn' }) {
  return <View className={`notice notice--${tone}`}>{text}</View>;
}
