import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchemaDoc, SCHEMA_DOC_FILE } from '../../scripts/schema-doc.js';

describe('docs/schema.md', () => {
  it('is the schema the migrations build today', async () => {
    const committed = existsSync(SCHEMA_DOC_FILE) ? readFileSync(SCHEMA_DOC_FILE, 'utf8') : null;
    expect(committed, 'docs/schema.md is stale: run `npx tsx scripts/schema-doc.ts` and commit it').toBe(await buildSchemaDoc());
  });
});
