import path from 'node:path';

export const PGLITE_TEMPLATE = path.resolve('.data/test-template.tar');
export const PG_TEMPLATE_DB = 'union_test_template';

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
