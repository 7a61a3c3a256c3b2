import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { buildOpenApi, OPENAPI_FILE } from '../../scripts/openapi.js';
import { ROUTES } from '../../functions/_lib/routes.js';
import { ERROR_STATUS } from '../../shared/errors.js';
import { ZActivityInput, ZErrorBody, ZGrantRoleRequest, ZRegistration } from '../../shared/schemas.js';

const doc = buildOpenApi();

/**
 * Operations api.md's v1.1 sections name whose issues are still open, with the issue that builds
 * them. A route that lands must leave this list (the second test below says so); anything else
 * api.md names must be in the document.
 */
const NOT_YET_BUILT: Record<string, string> = {
};
const API_MD = path.resolve('../shared/docs/api.md');

type Operation = { security?: unknown[]; parameters?: { name: string; in: string }[]; requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
const operations = Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op: op as Operation })));
const openApiPath = (p: string) => p.replace(/:([a-zA-Z]+)/g, '{$1}');

/** The components as one JSON Schema 2020-12 document, so a validator can follow their $refs. */
function validatorFor(name: string) {
  const defs = JSON.parse(JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
  const ajv = new Ajv2020({ strict: true, validateFormats: false, allErrors: true });
  return ajv.compile({ $defs: defs, $ref: `#/$defs/${name}` });
}

describe('the OpenAPI document', () => {
  it('the committed OpenAPI document is up to date', () => {
    const committed = existsSync(OPENAPI_FILE) ? JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) : null;
    expect(committed, 'docs/openapi.json is stale: run `npm run openapi` and commit docs/openapi.json').toEqual(doc);
  });

  it('is OpenAPI 3.1 with bearer auth and JSON Schema 2020-12 components', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('describes every route in functions/_lib/routes.ts with its method', () => {
    const missing = ROUTES.filter((r) => !(r.method.toLowerCase() in ((doc.paths as Record<string, object>)[openApiPath(r.path)] ?? {})));
    expect(missing, 'routes missing from the document: run `npm run openapi`').toEqual([]);
  });

  it.skipIf(!existsSync(API_MD))('describes every operation of api.md, except those of the open issues named in NOT_YET_BUILT', () => {
    const text = readFileSync(API_MD, 'utf8');
    const contract = [...new Set([...text.matchAll(/`(GET|POST|PATCH) (\/api\/[^`?\s]+)/g)].map((m) => `${m[1]} ${openApiPath(m[2])}`))];
    expect(contract.length).toBeGreaterThan(20);
    const documented = new Set(operations.map((o) => o.key));
    expect(contract.filter((k) => !documented.has(k) && !(k in NOT_YET_BUILT))).toEqual([]);
  });

  it('keeps the list of contract operations not yet built honest: none of them exists already', () => {
    expect(Object.keys(NOT_YET_BUILT).filter((k) => operations.some((o) => o.key === k))).toEqual([]);
  });

  it('leaves no $ref dangling', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((name) => !(name in doc.components.schemas))).toEqual([]);
  });

  it('declares the path id of every operation that has one', () => {
    for (const { key, op } of operations.filter((o) => o.key.includes('{id}'))) {
      expect(op.parameters?.some((p) => p.name === 'id' && p.in === 'path'), key).toBe(true);
    }
  });

  it('answers every refusal with ErrorBody and only the statuses api.md lists', () => {
    const allowed = new Set(['400', '401', '403', '404', '409', '413', '422', '429', '503', '415' /* v1.1: UNSUPPORTED_MEDIA_TYPE */]);
    for (const { key, op } of operations) {
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect(errors.filter((s) => !allowed.has(s)), key).toEqual([]);
      for (const s of errors) expect(op.responses[s].content?.['application/json'].schema, `${key} ${s}`).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      expect(errors, key).toContain('503');
      if (op.security === undefined) expect(errors, `${key} needs a token, so it can answer 401`).toContain('401');
    }
  });

  it('lists every error code of shared/errors.ts in ErrorCode', () => {
    expect((doc.components.schemas.ErrorCode as { enum: string[] }).enum.sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it('converts schemas with refinements into their plain shapes', () => {
    const schemas = doc.components.schemas as Record<string, { $ref?: string }>;
    const resolved = (name: string): object => {
      const s = schemas[name];
      return s.$ref ? resolved(s.$ref.split('/').pop()!) : s;
    };
    expect(resolved('ActivityInput')).toMatchObject({ type: 'object', required: expect.arrayContaining(['orgId', 'title', 'startsAt', 'capacity']) });
    expect(doc.components.schemas.GrantRoleRequest).toMatchObject({ type: 'object', required: ['memberId', 'role'] });
    expect(doc.components.schemas.ActivityPatch).toMatchObject({ type: 'object' });
  });

  it('has components that compile as JSON Schema 2020-12 and accept what the Zod schemas accept', () => {
    const registration = { id: '1', activityId: '2', status: 'confirmed', waitlistPosition: null, createdAt: '2026-12-01T09:00:00+08:00', checkedInAt: null, ticket: 'T1.1.2.sig' };
    expect(ZRegistration.safeParse(registration).success).toBe(true);
    expect(validatorFor('Registration')(registration)).toBe(true);

    const error = { error: { code: 'ACTIVITY_FULL', message: '名额已满' } };
    expect(ZErrorBody.safeParse(error).success).toBe(true);
    expect(validatorFor('ErrorBody')(error)).toBe(true);

    const grant = { memberId: '7', role: 'cadre', orgId: '3' };
    expect(ZGrantRoleRequest.safeParse(grant).success).toBe(true);
    expect(validatorFor('GrantRoleRequest')(grant)).toBe(true);
  });

  it('refuses in JSON Schema what Zod refuses for shape reasons', () => {
    const bad = { id: '1', activityId: '2', status: 'maybe', waitlistPosition: 0, createdAt: '2026-12-01T09:00:00+08:00', checkedInAt: null, ticket: null };
    expect(ZRegistration.safeParse(bad).success).toBe(false);
    expect(validatorFor('Registration')(bad)).toBe(false);
    const noTitle = { orgId: '1', category: 'lecture' };
    expect(ZActivityInput.safeParse(noTitle).success).toBe(false);
    expect(validatorFor('ActivityInput')(noTitle)).toBe(false);
  });
});
