import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
