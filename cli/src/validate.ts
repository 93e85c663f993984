/**
 * Parse and validate a RemoteJudge request: JSON syntax, then the shared JSON Schema (ajv, draft 2020-12), with
 * ajv's errors folded into ONE message naming the JSON path and the rule.
 */
import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import {
  coerceCanaryConfigScalars,
  describeSchemaErrors,
  remoteJudgeRequestSchema,
  type RemoteJudgeRequest,
} from '@canary-judge/shared';
import { CliInputError } from './input-error';

const ajv = new Ajv2020({ strict: true, allErrors: false });
const validateSchema = ajv.compile<RemoteJudgeRequest>(remoteJudgeRequestSchema);

/**
 * Fold ajv's errors for one failing value into a single {@link CliInputError}, with the wording the service's
 * `POST /judge` uses too (`describeSchemaErrors` of the scoring library): an `anyOf` becomes one rule listing the
 * alternatives (`expected a number or "NaN"`), `required` names the missing property in the path.
 *
 * @param errors - ajv's `errors` after a failed validation (non-empty)
 * @param document - the validated value, used to render the path
 * @returns the error to report
 */
export function foldAjvErrors(errors: readonly ErrorObject[], document: unknown): CliInputError {
  const { path, rule } = describeSchemaErrors(errors, document);
  return new CliInputError(path, rule);
}

/**
 * Parse JSON text, reporting a syntax error with its line and column.
 *
 * @param text - the JSON text
 * @param singleLine - the text is one line of a JSONL input (whose number the caller reports): give the column only
 * @returns the parsed value
 * @throws {CliInputError} `the input is empty …` for blank text; `invalid JSON (line L, column C): <reason>` for
 *   malformed text (position when V8 gives one; `(column C)` only for a single line)
 */
export function parseJson(text: string, singleLine = false): unknown {
  if (text.trim() === '') {
    return fail(
      singleLine
        ? 'the line is blank: --jsonl expects one RemoteJudge request (JSON) per line'
        : 'the input is empty: expected a RemoteJudge request (JSON) in the file or on stdin',
    );
  }
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
    const where = singleLine ? `column ${column}` : `line ${line}, column ${column}`;
    return fail(`invalid JSON (${where}): ${reason.replace(/ in JSON at position \d+.*$/s, '')}`);
  }
}

function fail(rule: string): never {
  throw new CliInputError('', rule);
}

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Whether every element of an array is what the schema's series items accept: a finite number (ajv's `type:
 * "number"` under `strictNumbers`, which strict mode turns on) or the string `"NaN"`. One predictable pass.
 */
function wireSeriesValid(values: readonly unknown[]): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!((typeof v === 'number' && Number.isFinite(v)) || v === 'NaN')) return false;
  }
  return true;
}

/**
 * The request with every series array (`metricSetPairList[i].values.control` / `.experiment`) replaced by `[]`,
 * or null when some series array holds an element the schema refuses. Only the objects on the way are copied.
 *
 * The series schema is `{type: "array", items: <number or "NaN">}` and nothing else, so for arrays whose elements
 * all pass, `[]` passes exactly when they do: the copy is valid exactly when the request is, and ajv reports the
 * same first error for both (the series hold none). ajv then walks a few objects instead of every data point.
 */
function withoutSeries(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray(value['metricSetPairList'])) return value;
  const pairs = (value['metricSetPairList'] as unknown[]).map((pair) => {
    if (!isObject(pair) || !isObject(pair['values'])) return pair;
    const values: JsonObject = { ...pair['values'] };
    for (const side of ['control', 'experiment']) {
      const series = values[side];
      if (!Array.isArray(series)) continue;
      if (!wireSeriesValid(series)) return null;
      values[side] = [];
    }
    return { ...pair, values };
  });
  return pairs.includes(null) ? null : { ...value, metricSetPairList: pairs };
}

/**
 * Check a parsed value against the RemoteJudge request schema. The data points are checked in one plain pass and
 * ajv validates the rest of the request (`withoutSeries`); only a refused request is validated again in full by
 * ajv, so that the error reported is exactly ajv's first error on the whole request.
 *
 * @param value - parsed JSON
 * @returns the value, typed
 * @throws {CliInputError} naming the first offending path and its rule
 */
export function validateRequest(value: unknown): RemoteJudgeRequest {
  // Kayenta (Jackson) reads `configVersion: 1.0` as "1.0": coerce scalars as it does before the schema check.
  if (isObject(value)) coerceCanaryConfigScalars(value['canaryConfig']);
  const light = withoutSeries(value);
  if (light !== null && validateSchema(light)) return value as RemoteJudgeRequest;
  if (validateSchema(value)) return value;
  throw foldAjvErrors(validateSchema.errors ?? [], value);
}
