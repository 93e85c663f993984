/**
 * Generates the OpenAPI 3.1 document of the judge service from the route table and the JSON Schemas
 * (`routes.ts`, `schemas.ts`). `openapi/openapi.json` is this function's output, written by
 * `npm run -w orca-stage-spec openapi`; a test fails when the committed file differs.
 * Reference: https://spec.openapis.org/oas/v3.1.0
 */
import { ROUTES, type RouteSpec } from './routes';
import {
  errorResponseSchema,
  judgmentReportSchema,
  judgmentRequestSchema,
  judgmentSchema,
  remoteJudgeRequestSchema,
} from './schemas';

function openapiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function pathParameters(route: RouteSpec): object[] {
  const params = route.params as { properties?: Record<string, object>; required?: string[] } | undefined;
  if (!params?.properties) return [];
  return Object.entries(params.properties).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    schema,
    description:
      name === 'judgmentKey'
        ? 'Judgment key; the Orca template uses `{executionId}-{stageId}-{stageStartMillis}`'
        : undefined,
  }));
}

/**
 * Builds the OpenAPI document.
 * @param version the service version for `info.version`
 * @returns a plain JSON object (stable key order, suitable for `JSON.stringify(doc, null, 2)`)
 */
export function buildOpenApi(version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const p = openapiPath(r.path);
    const responses: Record<string, unknown> = {};
    for (const [code, res] of Object.entries(r.responses)) {
      responses[code] = {
        description: res.description,
        ...(res.schema || res.contentType
          ? { content: { [res.contentType ?? 'application/json']: res.schema ? { schema: res.schema } : {} } }
          : {}),
      };
    }
    const op: Record<string, unknown> = {
      operationId: r.id,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      ...(r.auth ? {} : { security: [] }),
      ...(pathParameters(r).length ? { parameters: pathParameters(r) } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: r.body }, 'text/plain': { schema: r.body } },
            },
          }
        : {}),
      responses,
    };
    paths[p] = { ...(paths[p] ?? {}), [r.method.toLowerCase()]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Canary Judge service',
      version,
      description:
        'The judge service behind the Canary Judge Orca stage (a webhook stage: create, poll, cancel) and a ' +
        'Kayenta RemoteJudge endpoint. Statuses use Orca’s words; every judgment answer carries a non-null ' +
        '`message`. Generated from orca-stage-spec/src/contract — do not edit by hand.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: 'http://127.0.0.1:8095', description: 'Default local service' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required only when the service is started with CANARY_JUDGE_TOKEN',
        },
      },
      schemas: {
        JudgmentRequest: judgmentRequestSchema,
        Judgment: judgmentSchema,
        JudgmentReport: judgmentReportSchema,
        Error: errorResponseSchema,
        RemoteJudgeRequest: remoteJudgeRequestSchema,
      },
    },
  };
}

/**
 * The document as the exact text committed in `openapi/openapi.json`: JSON formatted by the repository's Prettier
 * settings (so `prettier --check` and the drift test agree). Prettier is a development dependency, loaded only here
 * (the running service never calls this).
 * @param filePath where the text goes (for Prettier's config lookup)
 */
export async function openApiText(filePath: string): Promise<string> {
  const { format, resolveConfig } = await import('prettier');
  const options = (await resolveConfig(filePath)) ?? {};
  return format(JSON.stringify(buildOpenApi()), { ...options, parser: 'json', filepath: filePath });
}
