/**
 * Parse and validate a RemoteJudge request: JSON syntax, then the shared JSON Schema (ajv, draft 2020-12), with
 * ajv's errors folded into ONE message naming the JSON path and the rule.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { coerceCanaryConfigScalars, remoteJudgeRequestSchema, type RemoteJudgeRequest } from '@canary-judge/shared';
import { CliInputError } from './input-error';
import { appendKey, pointerToPath } from './json-path';

const ajv = new Ajv2020({ strict: true, allErrors: false });
const validateSchema = ajv.compile<RemoteJudgeRequest>(remoteJudgeRequestSchema);

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
};

/** One alternative a branch accepts, in words: `a number`, `"NaN"`. */
function alternative(e: ErrorObject): string {
  if (e.keyword === 'type') {
    // A setting that also accepts null (null = use the default) is described by its real type alone.
    const all = ([] as string[]).concat(e.params.type as string | string[]);
    const types = all.length > 1 ? all.filter((t) => t !== 'null') : all;
    return types.map((t) => ARTICLE[t] ?? t).join(' or ');
  }
  if (e.keyword === 'const') return JSON.stringify(e.params.allowedValue);
  return e.message ?? e.keyword;
}

/**
 * Fold ajv's errors for one failing value into a single {@link CliInputError}.
 *
 * ajv (with `allErrors: false`) stops at the first failing value; for an `anyOf` it reports each branch and then
 * the `anyOf` itself, which become one rule listing the alternatives (`expected a number or "NaN"`). `required`
 * names the missing property in the path (`scoreThresholds.pass: is required`).
 *
 * @param errors - ajv's `errors` after a failed validation (non-empty)
 * @param document - the validated value, used to render the path
 * @returns the error to report
 */
export function foldAjvErrors(errors: readonly ErrorObject[], document: unknown): CliInputError {
  const anyOf = errors.find((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const chosen = anyOf ?? errors[0];
  if (chosen === undefined) return new CliInputError('', 'does not match the RemoteJudge request schema');
  const path = pointerToPath(chosen.instancePath, document);
  if (anyOf) {
    const branches = errors.filter(
      (e) => e !== anyOf && e.instancePath === anyOf.instancePath && e.schemaPath.startsWith(`${anyOf.schemaPath}/`),
    );
    return new CliInputError(path, `expected ${[...new Set(branches.map(alternative))].join(' or ')}`);
  }
  switch (chosen.keyword) {
    case 'required':
      return new CliInputError(path + appendKey(path, String(chosen.params.missingProperty)), 'is required');
    case 'type':
      if (path === '')
        return new CliInputError('', 'expected a JSON object with canaryConfig, metricSetPairList and scoreThresholds');
      return new CliInputError(path, `expected ${alternative(chosen)}`);
    case 'const':
      return new CliInputError(path, `expected ${alternative(chosen)}`);
    default:
      return new CliInputError(path, chosen.message ?? `fails the "${chosen.keyword}" rule`);
  }
}

/**
 * Parse JSON text, reporting a syntax error with its line and column.
 *
 * @param text - the JSON text
 * @returns the parsed value
 * @throws {CliInputError} `invalid JSON (line L, column C): <reason>` for malformed text (position when V8 gives one)
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(reason);
    if (!at) return fail(`invalid JSON: ${reason}`);
    const offset = Number(at[1]);
    const before = text.slice(0, offset).split('\n');
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return fail(`invalid JSON (line ${line}, column ${column}): ${reason.replace(/ in JSON at position \d+.*$/s, '')}`);
  }
}

function fail(rule: string): never {
  throw new CliInputError('', rule);
}

/**
 * Check a parsed value against the RemoteJudge request schema.
 *
 * @param value - parsed JSON
 * @returns the value, typed
 * @throws {CliInputError} naming the first offending path and its rule
 */
export function validateRequest(value: unknown): RemoteJudgeRequest {
  // Kayenta (Jackson) reads `configVersion: 1.0` as "1.0": coerce scalars as it does before the schema check.
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    coerceCanaryConfigScalars((value as Record<string, unknown>)['canaryConfig']);
  }
  if (validateSchema(value)) return value;
  throw foldAjvErrors(validateSchema.errors ?? [], value);
}
