import path from 'node:path';

export const PGLITE_TEMPLATE = path.resolve('.data/test-template.tar');
// One template database per test run (global setup names it), so that two runs against the
// same PostgreSQL never rebuild each other's template mid-run.
export function pgTemplateDb(): string {
  return process.env.UNION_TEST_TEMPLATE ?? 'union_test_template';
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
