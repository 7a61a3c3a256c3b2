import type { z } from 'zod';
import { zodDetails } from '../../http.js';
import { CsvRowProblem } from '../../csv.js';
import type { TRejectedRow } from '../../../../shared/schemas.js';

/**
 * One import row through its schema. A refusal quotes the field and the rule, never the value:
 * rows carry ID numbers and medical notes, and rejections are shown, stored and sometimes logged.
 * `column` names the field at fault (spreadsheet answers show it as the file's header).
 */
export function parseImportRow<S extends z.ZodType>(schema: S, raw: unknown, index: number): { data: z.output<S> } | { rejected: TRejectedRow } {
  if (raw instanceof CsvRowProblem) return { rejected: { index, code: 'VALIDATION_FAILED', message: raw.message, ...(raw.column ? { column: raw.column } : {}) } };
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { data: parsed.data };
  const issue = parsed.error.issues[0];
  const d = zodDetails(parsed.error)[0];
  const column = issue && issue.path.length > 0 ? String(issue.path[0]) : undefined;
  return { rejected: { index, code: 'VALIDATION_FAILED', message: d.path ? `${d.path}：${d.message}` : d.message, ...(column ? { column } : {}) } };
}
