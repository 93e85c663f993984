/**
 * The CPU work the judge service keeps off its HTTP event loop, as one plain function a worker thread runs (or the
 * main thread, when no pool is configured): a `POST /judge` body from raw bytes to the serialised
 * `CanaryJudgeResult` (UTF-8 decode, nesting guard, JSON parse, schema validation with the contract's
 * RemoteJudge schema, judge, serialise), and the judge call of an interval evaluation. Failures come back as data
 * (`{ok: false, statusCode, code, message, field}`, the service's error fields), never as a thrown error, so the
 * answer is the same wherever the task ran.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import {
  coerceCanaryConfigScalars,
  describeSchemaErrors,
  JudgeInputError,
  type CanaryJudgeResult,
  type RemoteJudgeRequest,
  type SchemaErrorLike,
} from '@canary-judge/shared';
import { remoteJudgeRequestSchema } from '../contract/schemas';
import { parseGuardedJson } from '../http/json-depth';
import { ApiError } from '../lifecycle/errors';
import type { JudgeFn } from '../lifecycle/evaluate';

/** A `POST /judge` body to parse, validate and judge (the raw bytes as received). */
export interface JudgeBodyTask {
  kind: 'body';
  body: Uint8Array;
}

/** An interval's judge call (the RemoteJudge request built from fetched series). */
export interface JudgeRequestTask {
  kind: 'request';
  request: RemoteJudgeRequest;
}

/** What a worker is asked to do. */
export type JudgeTask = JudgeBodyTask | JudgeRequestTask;

/** A refusal, with the fields of the service's error body (`ApiError`). */
export interface JudgeTaskFailure {
  ok: false;
  statusCode: number;
  code: string;
  message: string;
  field: string | null;
}

/**
 * The answer: for a body task the serialised result (`json`, sent as is), for a request task the result object;
 * or a {@link JudgeTaskFailure}.
 */
export type JudgeTaskResult = { ok: true; json: string } | { ok: true; result: CanaryJudgeResult } | JudgeTaskFailure;

let validator: ValidateFunction | null = null;

/**
 * The RemoteJudge body validator: exactly as the CLI validates (ajv's `Ajv2020`, first failing value, no coercion,
 * no defaults), so that both word the same rule the same way (`describeSchemaErrors`).
 */
function validateRemoteJudge(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv2020({ strict: false, allErrors: false, coerceTypes: false, useDefaults: false });
  validator = ajv.compile(remoteJudgeRequestSchema);
  return validator;
}

function failure(statusCode: number, code: string, message: string, field: string | null): JudgeTaskFailure {
  return { ok: false, statusCode, code, message, field };
}

/** Maps an error thrown by the judge to the `JUDGE_REJECTED` refusal (its `path` or `field` names the field). */
function judgeRefusal(e: unknown): JudgeTaskFailure {
  const field = e instanceof JudgeInputError ? e.path : e instanceof ApiError ? e.field : null;
  return failure(400, 'JUDGE_REJECTED', (e as Error).message, field);
}

/**
 * Parses, validates and judges a `POST /judge` body. An empty body is refused (`EMPTY_BODY`), a body nested deeper
 * than the service's JSON depth limit is refused before parsing ({@link parseGuardedJson}), and `canaryConfig` scalars are coerced as Kayenta's Jackson
 * reads them (`configVersion: 1.0` → `"1.0"`) before validation — as the HTTP layer does for judgment requests.
 * @param body the raw request body
 * @param judge the scoring function
 * @returns the serialised `CanaryJudgeResult`, or the refusal (400 `EMPTY_BODY`, `INVALID_JSON`,
 *   `NESTING_TOO_DEEP`, `VALIDATION_FAILED` naming the field and rule, or `JUDGE_REJECTED`)
 */
export function judgeBody(body: Uint8Array, judge: JudgeFn): JudgeTaskResult {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.trim() === '') {
    return failure(400, 'EMPTY_BODY', 'the body is empty: send the RemoteJudge request as JSON', '(body)');
  }
  const guarded = parseGuardedJson(text);
  if (!guarded.ok) return failure(400, guarded.refusal.code, guarded.refusal.message, '(body)');
  const parsed = guarded.value;
  if (parsed && typeof parsed === 'object') {
    coerceCanaryConfigScalars((parsed as { canaryConfig?: unknown }).canaryConfig);
  }
  const validate = validateRemoteJudge();
  if (!validate(parsed)) {
    const { path, rule } = describeSchemaErrors((validate.errors ?? []) as SchemaErrorLike[], parsed);
    return failure(400, 'VALIDATION_FAILED', path === '' ? rule : `${path}: ${rule}`, path === '' ? '(body)' : path);
  }
  let result: CanaryJudgeResult;
  try {
    result = judge(parsed as RemoteJudgeRequest);
  } catch (e) {
    return judgeRefusal(e);
  }
  return { ok: true, json: JSON.stringify(result) };
}

/**
 * Runs one task.
 * @param task a body to judge, or an interval's judge call
 * @param judge the scoring function
 * @returns the answer (never throws for bad input; a request task's judge error is a `JUDGE_REJECTED` failure)
 */
export function runJudgeTask(task: JudgeTask, judge: JudgeFn): JudgeTaskResult {
  if (task.kind === 'body') return judgeBody(task.body, judge);
  try {
    return { ok: true, result: judge(task.request) };
  } catch (e) {
    return judgeRefusal(e);
  }
}
