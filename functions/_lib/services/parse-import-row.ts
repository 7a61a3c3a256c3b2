import type { z } from 'zod';
import { zodDetails } from '../http.js';
import { CsvRowProblem } from '../csv.js';
import type { TRejectedRow } from '../../../shared/schemas.js';

/**
 * One import row through its schema. A refusal quotes the field and the rule, never the value:
 * rows carry ID numbers and medical notes, and rejections are shown, stored and sometimes logged.
 */
export function parseImportRow<S extends z.ZodType>(schema: S, raw: unknown, index: number): { data: z.output<S> } | { rejected: TRejectedRow } {
  if (raw instanceof CsvRowProblem) return { rejected: { index, code: 'VALIDATION_FAILED', message: raw.message } };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const d = zodDetails(parsed.error)[0];
  return { rejected: { index, code: 'VALIDATION_FAILED', message: d.path ? `${d.path}：${d.message}` : d.message } };
}
