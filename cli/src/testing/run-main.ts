/**
 * Test support: run {@link main} against in-memory streams and collect what it writes.
 */
import { PassThrough, Readable } from 'node:stream';
import { JudgeInputError, type CanaryJudgeResult, type RemoteJudgeRequest } from '@canary-judge/shared';
import { main } from '../main';
import type { JudgeFn } from '../judge-text';

/** What one run produced. */
export interface RunOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/**
 * Run the CLI with `argv`, `stdin` text and an optional judge replacement.
 *
 * @param argv - arguments after the script name
 * @param stdin - text on standard input
 * @param judge - judge to use instead of the library's
 * @returns exit code and outputs
 */
export async function runMain(argv: string[], stdin = '', judge?: JudgeFn): Promise<RunOutcome> {
  const out = collector();
  const err = collector();
  const code = await main(argv, { stdin: Readable.from([stdin]), stdout: out.stream, stderr: err.stream }, { judge });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A small valid request: one metric `latency` in group `system`. */
export function sampleRequest(): RemoteJudgeRequest {
  return {
    canaryConfig: {
      name: 'sample',
      metrics: [{ name: 'latency', groups: ['system'], analysisConfigurations: { canary: { direction: 'increase' } } }],
      classifier: { groupWeights: { system: 100 } },
    },
    metricSetPairList: [{ name: 'latency', tags: {}, values: { control: [1, 2, 3, 'NaN'], experiment: [9, 8, 7] } }],
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}

/**
 * A stand-in judge for the I/O tests: every metric Pass, score 100, echoing the metric names; a metric named
 * `refuse-me` makes it throw the judge's `JudgeInputError`, `crash-me` a plain error.
 */
export const fakeJudge: JudgeFn = (request) => {
  const results = request.metricSetPairList.map((pair, i) => {
    if (pair.name === 'refuse-me') {
      throw new JudgeInputError(`metricSetPairList[${i}].name`, 'has no metric config with this name');
    }
    if (pair.name === 'crash-me') throw new Error('boom');
    const stats = { count: pair.values.control.length, mean: 1, min: 1, max: 1, std: 0 };
    return {
      name: pair.name,
      tags: pair.tags ?? {},
      classification: 'Pass' as const,
      groups: ['system'],
      experimentMetadata: { stats },
      controlMetadata: { stats },
      critical: false,
      muted: false,
    };
  });
  const result: CanaryJudgeResult = {
    judgeName: 'NetflixACAJudge-v1.0',
    results,
    groupScores: [{ name: 'system', score: 100, classification: '', classificationReason: '' }],
    score: { score: 100, classification: 'Pass', classificationReason: '' },
  };
  return result;
};
