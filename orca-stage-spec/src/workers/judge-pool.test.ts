import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge } from '@canary-judge/shared';
import { ApiError } from '../lifecycle/errors';
import { fakeJudge } from '../testing/fixtures';
import { createJudgePool, inlineJudgeRunner, workerEntry, type JudgeRunner } from './judge-pool';
import { judgeBody } from './judge-task';

const request = {
  canaryConfig: {
    metrics: [
      { name: 'latency', groups: ['g'], analysisConfigurations: { canary: { direction: 'increase' } } },
      { name: 'errors', groups: ['g'] },
    ],
  },
  metricSetPairList: [
    { name: 'latency', tags: {}, values: { control: [1, 2, 3, 4, 5, 6], experiment: [1, 2, 3, 4, 5, 7] } },
    { name: 'errors', tags: {}, values: { control: [0, 0, 1, 0, 0, 1], experiment: [5, 6, 7, 8, 9, 9] } },
  ],
  scoreThresholds: { pass: 75, marginal: 50 },
};

/** Bodies the worker must answer exactly like the main thread. */
const bodies: Array<[string, string]> = [
  ['valid', JSON.stringify(request)],
  ['empty', ''],
  ['not JSON', '{"canaryConfig": '],
  ['too deep', `${'['.repeat(100)}${']'.repeat(100)}`],
  ['schema violation', JSON.stringify({ ...request, scoreThresholds: { pass: 'high' } })],
  [
    'judge refusal',
    JSON.stringify({ ...request, metricSetPairList: [{ name: 'disk', values: { control: [1], experiment: [1] } }] }),
  ],
];

async function answer(runner: JudgeRunner, text: string) {
  try {
    return { ok: true, json: await runner.judgeBody(Buffer.from(text)) };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { ok: false, statusCode: e.statusCode, code: e.code, message: e.message, field: e.field };
  }
}

describe('judge worker pool', () => {
  let pool: JudgeRunner;
  beforeAll(() => {
    pool = createJudgePool({ threads: 1, maxQueue: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('loads its worker from the TypeScript sources through the tsx bootstrap, and the compiled file in a build', () => {
    expect(workerEntry('file:///app/src/workers/judge-pool.ts')).toBe('/app/src/workers/judge-worker.mjs');
    expect(workerEntry('file:///app/dist/workers/judge-pool.js')).toBe('/app/dist/workers/judge-worker.js');
  });

  it.each(bodies)('answers a %s body exactly like the main thread', async (_name, text) => {
    const inline = inlineJudgeRunner(judge, 4);
    expect(await answer(pool, text)).toEqual(await answer(inline, text));
  });

  it('gives the valid body the library judge result and refusals their codes', async () => {
    const ok = await answer(pool, JSON.stringify(request));
    expect(ok.ok).toBe(true);
    expect(JSON.parse(String(ok.json))).toEqual(JSON.parse(JSON.stringify(judge(request as never))));
    const codes = await Promise.all(bodies.slice(1).map(async ([, text]) => (await answer(pool, text)).code));
    expect(codes).toEqual(['EMPTY_BODY', 'INVALID_JSON', 'NESTING_TOO_DEEP', 'VALIDATION_FAILED', 'JUDGE_REJECTED']);
  });

  it('judges interval requests (the scheduler path) with the library judge, refusals as errors with the path', async () => {
    expect(await pool.judge(request as never)).toEqual(JSON.parse(JSON.stringify(judge(request as never))));
    const bad = { ...request, metricSetPairList: [{ name: 'disk', values: { control: [1], experiment: [1] } }] };
    const e = await pool.judge(bad as never).catch((x: unknown) => x as Error & { path?: unknown });
    expect(e).toBeInstanceOf(Error);
    expect((e as Error & { path?: unknown }).path).toMatch(/metricSetPairList\[0\]/);
    expect((e as Error).message).toBe(
      (() => {
        try {
          judge(bad as never);
          return 'no error';
        } catch (x) {
          return (x as Error).message;
        }
      })(),
    );
  });

  it('admits threads + maxQueue bodies at a time, and a slot again once freed', () => {
    const frees = [pool.reserveBody(), pool.reserveBody(), pool.reserveBody()];
    expect(frees.every((f) => typeof f === 'function')).toBe(true);
    expect(pool.reserveBody()).toBeNull();
    expect(pool.stats().bodies).toBe(3);
    frees[0]?.();
    frees[0]?.(); // a second call frees nothing more
    expect(pool.stats().bodies).toBe(2);
    const again = pool.reserveBody();
    expect(again).not.toBeNull();
    expect(pool.reserveBody()).toBeNull();
    for (const f of [again, frees[1], frees[2]]) f?.();
    expect(pool.stats().bodies).toBe(0);
  });

  it('hands a large body over without a copy but copies a slice of the shared small-buffer pool', async () => {
    const large = Buffer.from(JSON.stringify(request).padEnd(64 * 1024, ' '));
    await pool.judgeBody(large);
    expect(large.byteLength).toBe(0); // transferred: detached here
    const neighbour = Buffer.from('still here');
    const small = Buffer.from(JSON.stringify(request));
    expect(small.byteLength).toBeLessThan(4096);
    await pool.judgeBody(small);
    expect(small.toString()).toBe(JSON.stringify(request));
    expect(neighbour.toString()).toBe('still here');
  });
});

describe('inline runner (threads 0 or an injected judge)', () => {
  it('runs the injected judge on the main thread', async () => {
    const inline = inlineJudgeRunner(fakeJudge, 1);
    const out = JSON.parse(await inline.judgeBody(Buffer.from(JSON.stringify(request)))) as { judgeName: string };
    expect(out).toEqual(JSON.parse(JSON.stringify(fakeJudge(request as never))));
    expect(inline.stats()).toEqual({ threads: 0, bodies: 0, queued: 0, running: 0 });
    expect(judgeBody(new Uint8Array(0), fakeJudge)).toMatchObject({ ok: false, code: 'EMPTY_BODY' });
  });
});
