import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { remoteJudgeRequestSchema } from '@canary-judge/shared';
import { fakeJudge, runMain, sampleRequest } from './testing/run-main';
import { foldAjvErrors, validateRequest } from './validate';

type Mutator = (r: Record<string, unknown> & ReturnType<typeof sampleRequest>) => unknown;

/** Each bad input, and the exact message the CLI must print (stderr `canary-judge: <message>`, exit 2). */
const BAD: Array<[string, Mutator | string, string]> = [
  [
    'a string in a series',
    (r) => (r.metricSetPairList[0]!.values.control[2] = 'x' as never),
    'metricSetPairList[0].values.control[2]: expected a number or "NaN"',
  ],
  [
    'null in a series',
    (r) => (r.metricSetPairList[0]!.values.experiment[1] = null as never),
    'metricSetPairList[0].values.experiment[1]: expected a number or "NaN"',
  ],
  [
    'an overflowing number in a series (JSON 1e999 parses to Infinity)',
    '{"canaryConfig":{"metrics":[{"name":"m","groups":["g"]}]},"scoreThresholds":{"pass":75,"marginal":50},' +
      '"metricSetPairList":[{"name":"m","values":{"control":[1,1e999],"experiment":[2]}}]}',
    'metricSetPairList[0].values.control[1]: expected a number or "NaN"',
  ],
  [
    'a missing series',
    (r) => delete (r.metricSetPairList[0]!.values as Partial<{ control: unknown }>).control,
    'metricSetPairList[0].values.control: is required',
  ],
  ['missing thresholds', (r) => delete (r as Partial<typeof r>).scoreThresholds, 'scoreThresholds: is required'],
  [
    'a string threshold',
    (r) => ((r.scoreThresholds as unknown as Record<string, unknown>).pass = '75'),
    'scoreThresholds.pass: expected a number',
  ],
  [
    'a non-boolean critical',
    (r) => (r.canaryConfig.metrics[0]!.analysisConfigurations = { canary: { critical: 'yes' as never } }),
    'canaryConfig.metrics[0].analysisConfigurations.canary.critical: expected a boolean',
  ],
  [
    'groups not an array',
    (r) => (r.canaryConfig.metrics[0]!.groups = 'system' as never),
    'canaryConfig.metrics[0].groups: expected an array',
  ],
  [
    'a null group weight',
    (r) => (r.canaryConfig.classifier!.groupWeights!['my group'] = null as never),
    'canaryConfig.classifier.groupWeights["my group"]: expected a number',
  ],
  [
    'a non-string tag',
    (r) => (r.metricSetPairList[0]!.tags = { region: 1 as never }),
    'metricSetPairList[0].tags.region: expected a string',
  ],
  ['an array as the request', '[]', 'expected a JSON object with canaryConfig, metricSetPairList and scoreThresholds'],
  [
    'a judge configuration error',
    (r) => (r.metricSetPairList[0]!.name = 'refuse-me'),
    'metricSetPairList[0].name: has no metric config with this name',
  ],
];

describe('bad inputs exit 2 with one message naming the path and the rule', () => {
  it.each(BAD)('%s', async (_name, mutate, message) => {
    let text: string;
    if (typeof mutate === 'string') text = mutate;
    else {
      const request = sampleRequest() as Parameters<Mutator>[0];
      mutate(request);
      text = JSON.stringify(request);
    }
    const run = await runMain(['judge', '-'], text, fakeJudge);
    expect(run).toEqual({ code: 2, stdout: '', stderr: `canary-judge: ${message}\n` });
  });
});

describe('null settings are judged like absent ones (Kayenta MapUtils: absent ⇒ default)', () => {
  it('judges a config full of nulls exactly like the same config without them', async () => {
    const plain = sampleRequest();
    const nulls = sampleRequest();
    nulls.canaryConfig.metrics[0]!.analysisConfigurations = {
      ...nulls.canaryConfig.metrics[0]!.analysisConfigurations,
      canary: {
        ...nulls.canaryConfig.metrics[0]!.analysisConfigurations?.canary,
        critical: null,
        mustHaveData: null,
        outliers: null,
        effectSize: { allowedIncrease: null, allowedDecrease: null },
      } as never,
    };
    const a = await runMain(['judge', '-'], JSON.stringify(plain));
    const b = await runMain(['judge', '-'], JSON.stringify(nulls));
    expect(b.code).toBe(a.code);
    expect(b.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
  });
});

describe('malformed JSON exits 2 naming the position when the parser gives one', () => {
  it.each([
    ['a stray comma', '{"canaryConfig": {,}', /^canary-judge: invalid JSON \(line 1, column 19\): \S.*\n$/],
    [
      'a stray comma on line 3',
      '{\n  "a": 1,\n  "b": 2,\n}',
      /^canary-judge: invalid JSON \(line 4, column 1\): \S.*\n$/,
    ],
    [
      'empty input',
      '',
      /^canary-judge: the input is empty: expected a RemoteJudge request \(JSON\) in the file or on stdin\n$/,
    ],
    ['blank input', ' \n\n', /^canary-judge: the input is empty: /],
  ])('%s', async (_name, text, pattern) => {
    const run = await runMain(['judge'], text, fakeJudge);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(pattern);
  });
});

describe('the series pass plus ajv on the rest gives exactly what ajv on the whole request gives', () => {
  const fullSchema = new Ajv2020({ strict: true, allErrors: false }).compile(remoteJudgeRequestSchema);
  const outcome = (run: () => unknown): string => {
    try {
      run();
      return 'valid';
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };
  const bad = fc.constantFrom<unknown>(null, 'x', true, {}, [], Infinity, -Infinity, 'nan');
  const good = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant('NaN'));
  const series = fc.array(fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad }), { maxLength: 6 });
  const elsewhere = fc.constantFrom<((r: Record<string, unknown>) => void) | null>(
    null,
    (r) => ((r['scoreThresholds'] as Record<string, unknown>)['pass'] = '75'),
    (r) => ((r['metricSetPairList'] as Record<string, unknown>[])[0]!['tags'] = { region: 1 }),
    (r) => ((r['metricSetPairList'] as Record<string, unknown>[])[0]!['values'] = { control: [1] }),
    (r) => ((r['metricSetPairList'] as Record<string, unknown>[])[0]!['values'] = 'none'),
    (r) => (((r['canaryConfig'] as Record<string, unknown>)['metrics'] as Record<string, unknown>[])[0]!['groups'] = 1),
    (r) => (r['metricSetPairList'] as unknown[]).push(7),
  );
  it('on requests with refused points, errors elsewhere, both and neither', () => {
    fc.assert(
      fc.property(series, series, series, elsewhere, (c, e, c2, mutate) => {
        const r = JSON.parse(JSON.stringify(sampleRequest())) as Record<string, unknown>;
        const pairs = r['metricSetPairList'] as Record<string, unknown>[];
        pairs[0]!['values'] = { control: c, experiment: e };
        pairs.push({ name: 'second', values: { control: c2, experiment: [1] } });
        mutate?.(r);
        const expected = outcome(() => {
          if (!fullSchema(r)) throw foldAjvErrors(fullSchema.errors ?? [], r);
        });
        expect(outcome(() => validateRequest(r))).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });
});
