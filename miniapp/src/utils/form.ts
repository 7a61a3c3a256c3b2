// Form checks run the contract's own schema on the phone, so the person sees the same Chinese
// message the server would send, before anything is sent.
import type { z } from '../../../shared/zod.js';

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
