/**
 * One wording for JSON Schema failures of a RemoteJudge request, used by the CLI (`canary-judge judge`) and the
 * service's `POST /judge`, so the same mistake reads the same in both: `scoreThresholds.pass: expected a number`.
 * Works on the error objects of any JSON Schema validator shaped like ajv's (`instancePath`, `schemaPath`, `keyword`,
 * `params`, `message`); no validator is a dependency of the library.
 * Reference: ajv's error objects (https://ajv.js.org/api.html#validation-errors); RFC 6901 (JSON Pointer).
 */
import type { RuleIssue } from './issues';
import { appendKey, pointerToPath } from './json-pointer';

/** The parts of a validator error this module reads (ajv's `ErrorObject`). */
export interface SchemaErrorLike {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * The dotted path of the field one validator error is about: its instance path, plus the property that a
 * `required`, `additionalProperties` or `propertyNames` error names (so "is required" names the missing field).
 *
 * @param e one validator error
 * @param document the validated value, when the caller has it (see {@link pointerToPath})
 * @returns the dotted path (`''` for the whole document)
 * @example schemaErrorField({ instancePath: '/timing', keyword: 'required', params: { missingProperty: 'lifetimeMinutes' } })
 * // 'timing.lifetimeMinutes'
 */
export function schemaErrorField(e: Partial<SchemaErrorLike>, document?: unknown): string {
  const path = pointerToPath(e.instancePath ?? '', document);
  const params = e.params ?? {};
  const named =
    e.keyword === 'required'
      ? params['missingProperty']
      : e.keyword === 'additionalProperties'
        ? params['additionalProperty']
        : e.keyword === 'propertyNames'
          ? params['propertyName']
          : undefined;
  return typeof named === 'string' ? path + appendKey(path, named) : path;
}

/**
 * One validator error as a rule issue, worded as the judgment API words it: `is required`, `is not a known field`,
 * `must be one of "a", "b"`, `must be "x"`, else the validator's own message; `keyword` is the schema rule broken.
 *
 * @param e one validator error
 * @param document the validated value, when the caller has it
 * @returns the field (dotted path, `''` for the whole document), the rule and the keyword
 */
export function schemaErrorIssue(e: Partial<SchemaErrorLike>, document?: unknown): RuleIssue & { keyword: string } {
  const params = e.params ?? {};
  let rule = e.message ?? 'is invalid';
  if (e.keyword === 'required') rule = 'is required';
  else if (e.keyword === 'additionalProperties') rule = 'is not a known field';
  else if (e.keyword === 'enum' && Array.isArray(params['allowedValues'])) {
    rule = `must be one of ${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`;
  } else if (e.keyword === 'const') rule = `must be ${JSON.stringify(params['allowedValue'])}`;
  return { field: schemaErrorField(e, document), rule, keyword: e.keyword ?? 'schema' };
}

const ARTICLE: Record<string, string> = {
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'null',
};

function alternative(e: SchemaErrorLike): string {
  if (e.keyword === 'type') {
    // A setting that also accepts null (null = use the default, as Kayenta reads it) is described by its real type.
    const all = ([] as string[]).concat(e.params['type'] as string | string[]);
    const types = all.length > 1 ? all.filter((t) => t !== 'null') : all;
    return types.map((t) => ARTICLE[t] ?? t).join(' or ');
  }
  if (e.keyword === 'const') return JSON.stringify(e.params['allowedValue']);
  return e.message ?? e.keyword;
}

/**
 * Folds a validator's errors for the first failing value into one `{path, rule}`. For an `anyOf`/`oneOf` the
 * branches become one rule listing the alternatives (`expected a number or "NaN"`); `required` names the missing
 * property in the path (`scoreThresholds.pass: is required`); a wrong type at the root says what a RemoteJudge
 * request is.
 *
 * @param errors the validator's errors (first failing value first)
 * @param document the validated value, used to render the path
 * @returns the path (`''` for the whole document) and the rule
 */
export function describeSchemaErrors(
  errors: readonly SchemaErrorLike[],
  document: unknown,
): { path: string; rule: string } {
  const anyOf = errors.find((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const chosen = anyOf ?? errors[0];
  if (chosen === undefined) return { path: '', rule: 'does not match the RemoteJudge request schema' };
  const path = pointerToPath(chosen.instancePath, document);
  if (anyOf) {
    const branches = errors.filter(
      (e) => e !== anyOf && e.instancePath === anyOf.instancePath && e.schemaPath.startsWith(`${anyOf.schemaPath}/`),
    );
    return { path, rule: `expected ${[...new Set(branches.map(alternative))].join(' or ')}` };
  }
  switch (chosen.keyword) {
    case 'required':
      return { path: schemaErrorField(chosen, document), rule: 'is required' };
    case 'type':
      if (path === '') {
        return { path: '', rule: 'expected a JSON object with canaryConfig, metricSetPairList and scoreThresholds' };
      }
      return { path, rule: `expected ${alternative(chosen)}` };
    case 'const':
      return { path, rule: `expected ${alternative(chosen)}` };
    default:
      return { path, rule: chosen.message ?? `fails the "${chosen.keyword}" rule` };
  }
}
