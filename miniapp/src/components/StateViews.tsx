// The three states every page has besides its content: loading, error, empty.
import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import Button from './ui/button';
import { retryHelps, type UiError } from '../hooks/resource';

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

/**
 * Glyph, title, description and actions in one column: laid out here rather than by NutUI's
 * Empty, whose fixed image box let the title run over the glyph once 大字模式 enlarged it.
 */
function StateBlock({ className, mark, title, description, children }: { className: string; mark: string; title: string; description?: string; children?: ReactNode }) {
  return (
    <View className={`state-block ${className}`}>
      <Glyph mark={mark} />
      <View className="state-block__title">{title}</View>
      {description ? <View className="state-block__description">{description}</View> : null}
      {children ? <View className="state-actions">{children}</View> : null}
    </View>
  );
}

export function EmptyView({ title, description, action }: { title: string; description?: string; action?: ReactNode }) {
  return (
    <StateBlock className="state-empty" mark="空" title={title} description={description}>
      {action}
    </StateBlock>
  );
}

export function ErrorView({ error, onRetry, action }: { error: UiError; onRetry?: () => void; action?: ReactNode }) {
  const retry = onRetry && retryHelps(error.code);
  return (
    <StateBlock className="state-error" mark={error.code === 'NETWORK' ? '网' : '!'} title={error.message}>
      {action || retry ? (
        <>
          {action}
          {retry ? (
            <Button className="state-retry" type="primary" fill="outline" onClick={onRetry}>
              重试
            </Button>
          ) : null}
        </>
      ) : null}
    </StateBlock>
  );
}

/** A one-line notice above content (offline copy, a failed refresh with data still shown). */
export function NoticeBar({ text, tone = 'info' }: { text: string; tone?: 'info' | 'warn' }) {
  return <View className={`notice notice--${tone}`}>{text}</View>;
}
