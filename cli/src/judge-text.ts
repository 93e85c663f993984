/**
 * One request in, one result out: parse, validate against the schema, judge. Every refusal becomes a
 * {@link CliInputError} (exit code 2); anything else thrown is a bug and propagates.
 */
import {
  issueText,
  judge,
  JudgeInputError,
  validateCanaryConfig,
  validateThresholds,
  type CanaryJudgeResult,
  type RemoteJudgeRequest,
} from '@canary-judge/shared';
import { CliInputError } from './input-error';
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
 * @param singleLine - the text is one JSONL line (syntax errors then give the column only)
 * @returns the request and its result
 * @throws {CliInputError} for empty input, bad JSON, a schema violation or a configuration the judge refuses
 */
export function judgeText(text: string, judgeFn: JudgeFn = libraryJudge, singleLine = false): Judged {
  const request = validateRequest(parseJson(text, singleLine));
  try {
    return { request, result: judgeFn(request) };
  } catch (e) {
    if (e instanceof JudgeInputError) throw new CliInputError(e.path, e.rule);
    throw e;
  }
}

/**
 * The strict rules of the judgment API (the scoring library's `validateCanaryConfig` and `validateThresholds`,
 * queries aside) that a RemoteJudge request breaks: the CLI judges it anyway, as Kayenta would, and prints these as
 * warnings worded exactly as the judgment API and the Deck panel word them.
 *
 * @param request - a schema-valid RemoteJudge request
 * @returns one `<field>: <rule>` line per broken rule (empty when none)
 */
export function strictRuleWarnings(request: RemoteJudgeRequest): string[] {
  return [
    ...validateCanaryConfig(request.canaryConfig, { queries: false }),
    ...validateThresholds(request.scoreThresholds, 'scoreThresholds'),
  ].map((i) => issueText(i));
}
