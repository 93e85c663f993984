/**
 * One wording for JSON Schema failures of a RemoteJudge request, used by the CLI (`canary-judge judge`) and the
 * service's `POST /judge`, so the same mistake reads the same in both: `scoreThresholds.pass: expected a number`.
 * Works on the error objects of any JSON Schema validator shaped like ajv's (`instancePath`, `schemaPath`, `keyword`,
 * `params`, `message`); no validator is a dependency of the library.
 * Reference: ajv's error objects (https://ajv.js.org/api.html#validation-errors); RFC 6901 (JSON Pointer).
 */

/** The parts of a validator error this module reads (ajv's `ErrorObject`). */
export interface SchemaErrorLike {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/**
 * The path suffix for an object key: `.key` (or `key` at the start) for identifiers, `["key"]` otherwise.
 *
 * @param path the path so far (`''` at the root)
 * @param key the object key
 * @returns the suffix to append
 * @example appendKey('canaryConfig', 'metrics') // '.metrics'
 */
export function appendKey(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === '' ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

/**
 * Turns a JSON Pointer into the dotted path people read: `/metricSetPairList/3/values/control/7` →
 * `metricSetPairList[3].values.control[7]`. Array indices are recognised by walking the document (a pointer alone
 * cannot tell an index from an object key named "3"); keys that are not identifiers are quoted.
 *
 * @param pointer a JSON Pointer into `document`; `''` is the whole document
 * @param document the parsed JSON the pointer refers to
 * @returns the dotted path (`''` for the whole document)
 * @example pointerToPath('/a/0/b', { a: [{ b: 1 }] }) // 'a[0].b'
 */
export function pointerToPath(pointer: string, document: unknown): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document;
  let path = '';
  for (const segment of segments) {
    if (Array.isArray(node)) {
      path += `[${segment}]`;
      node = node[Number(segment)];
    } else {
      path += appendKey(path, segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
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
      return { path: path + appendKey(path, String(chosen.params['missingProperty'])), rule: 'is required' };
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
