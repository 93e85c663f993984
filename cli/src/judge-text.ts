/**
 * One request in, one result out: parse, validate against the schema, judge. Every refusal becomes a
 * {@link CliInputError} (exit code 2); anything else thrown is a bug and propagates.
 */
import { judge, type CanaryJudgeResult, type RemoteJudgeRequest } from '@canary-judge/shared';
import { CliInputError, isJudgeInputError } from './input-error';
import { parseJson, validateRequest } from './validate';

/** The judge: a RemoteJudge request in, Kayenta's `CanaryJudgeResult` out (throws `JudgeInputError` on bad config). */
export type JudgeFn = (request: RemoteJudgeRequest) => CanaryJudgeResult;

/** The library's judge (`judge` from `@canary-judge/shared`). */
export const libraryJudge: JudgeFn = judge;

/** A judged request: the parsed request (for reports) and the result. */
export interface Judged {
  request: RemoteJudgeRequest;
  result: CanaryJudgeResult;
}

/**
 * Parse, validate and judge one request.
 *
 * @param text - JSON text of a RemoteJudge request
 * @param judgeFn - the judge to call (the library's by default)
 * @returns the request and its result
 * @throws {CliInputError} for bad JSON, a schema violation or a configuration the judge refuses
 */
export function judgeText(text: string, judgeFn: JudgeFn = libraryJudge): Judged {
  const request = validateRequest(parseJson(text));
  try {
    return { request, result: judgeFn(request) };
  } catch (e) {
    if (isJudgeInputError(e)) throw new CliInputError(e.path, e.rule);
    throw e;
  }
}
