import { useSyncExternalStore } from 'react';
import { isLargeText, subscribeLargeText } from '../services/large-text';

export function useLargeText(): boolean {
  return useSyncExternalStore(subscribeLargeText, isLargeText, isLargeText);
}
