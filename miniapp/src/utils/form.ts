// Form checks run the contract's own schema on the phone, so the person sees the same Chinese
// message the server would send, before anything is sent.
import Taro from '@tarojs/taro';
import type { z } from '../../../shared/zod.js';
import { IS_H5 } from '../services/platform';

export type FieldErrors = Record<string, string>;

/** First message per field; nested paths are joined with dots ("location.name"). */
export function fieldErrors(issues: readonly z.core.$ZodIssue[] | { path: string; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = Array.isArray(issue.path) ? issue.path.map(String).join('.') : String(issue.path).replace(/^\//, '').replace(/\//g, '.');
    const k = key || '_';
    if (!(k in out)) out[k] = issue.message;
  }
  return out;
}

/**
 * After a refused submit: bring the first field with a message into view, so a person on a long
 * form sees what to fix instead of a button that seemingly did nothing. Runs after the render
 * that shows the messages.
 */
export function scrollToFirstError(): void {
  setTimeout(() => {
    if (IS_H5) {
      const first = Array.from(document.querySelectorAll<HTMLElement>('.field-error')).find((e) => e.offsetParent !== null);
      (first?.closest<HTMLElement>('.form-field') ?? first)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    } else {
      // weapp: the selector is looked up in the current page only.
      void Taro.pageScrollTo({ selector: '.field-error', offsetTop: -120, duration: 200 }).catch(() => undefined);
    }
  }, 50);
}
