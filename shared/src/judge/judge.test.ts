import { describe, expect, it } from 'vitest';
import { allNullCanarySettings } from '../testing/judge-fixtures';
import type { CanaryMetricConfig, MetricSetPair, RemoteJudgeRequest, WireNumber } from '../contract/kayenta';
import { JudgeInputError } from './errors';
import { judge } from './judge';
import { NOT_APPLICABLE, upstreamCases } from '../testing/upstream-cases';
import { mulberry32 } from '../random/mulberry32';

const T = { pass: 75, marginal: 50 };

function request(
  metrics: CanaryMetricConfig[],
  pairs: MetricSetPair[],
  groupWeights: Record<string, number> = {},
): RemoteJudgeRequest {
  return { canaryConfig: { metrics, classifier: { groupWeights } }, metricSetPairList: pairs, scoreThresholds: T };
}

function pair(name: string, control: WireNumber[], experiment: WireNumber[]): MetricSetPair {
  return { name, id: name, tags: {}, values: { control, experiment } };
}

/** A small seeded PRNG, so the ported integration cases are reproducible. */
const rng = mulberry32;

function uniform(next: () => number, lower: number, upper: number, n = 60): number[] {
  return Array.from({ length: n }, () => lower + (upper - lower) * next());
}

describe('judge: docs/design/kayenta-judge.md §10 example shape (critical failure)', () => {
  const cpuControl = [9.1, 10.2, 8.7, 11.4, 9.9, 10.8, 9.4, 10.1, 12.3, 8.2];
  const cpuExperiment = [20.4, 19.1, 21.7, 22.3, 18.9, 20.2, 19.8, 21.1, 23.4, 17.6];
  const memControl = [50.1, 50.3, 49.8, 50.0, 50.4, 49.9, 50.2, 50.1, 49.7, 50.0];
  const memExperiment = [50.2, 50.1, 49.9, 50.3, 50.0, 49.8, 50.2, 50.4, 49.9, 50.1];
  const result = judge(
    request(
      [
        { name: 'cpu', groups: ['system'], analysisConfigurations: { canary: { critical: true } } },
        { name: 'mem', groups: ['system'] },
      ],
      [pair('cpu', cpuControl, cpuExperiment), pair('mem', memControl, memExperiment)],
    ),
  );

  it('has Kayenta’s top-level, result, stats and score field order', () => {
    expect(Object.keys(result)).toEqual(['judgeName', 'results', 'groupScores', 'score']);
    const [cpu, mem] = result.results;
    expect(Object.keys(cpu ?? {})).toEqual([
      'name',
      'tags',
      'id',
      'classification',
      'classificationReason',
      'groups',
      'experimentMetadata',
      'controlMetadata',
      'resultMetadata',
      'critical',
      'muted',
      'canaryJudge',
    ]);
    expect(Object.keys(mem ?? {})).not.toContain('classificationReason'); // plain Pass: null reason omitted
    expect(Object.keys(cpu?.experimentMetadata.stats ?? {})).toEqual(['count', 'mean', 'min', 'std', 'max']);
    expect(Object.keys(result.score)).toEqual(['score', 'classification', 'classificationReason']);
    expect(Object.keys(result.groupScores[0] ?? {})).toEqual([
      'name',
      'score',
      'classification',
      'classificationReason',
    ]);
  });

  it('has the §10 values: critical High, Pass, group 50, summary 0 Fail with the quoted reason', () => {
    expect(result.judgeName).toBe('NetflixACAJudge-v1.0');
    expect(result.results[0]).toMatchObject({
      name: 'cpu',
      classification: 'High',
      classificationReason: 'The metric cpu was classified as High (Critical)',
      groups: ['system'],
      critical: true,
      muted: false,
    });
    expect(result.results[1]).toMatchObject({ name: 'mem', classification: 'Pass', critical: false });
    expect(result.groupScores).toEqual([{ name: 'system', score: 50, classification: '', classificationReason: '' }]);
    expect(result.score).toEqual({
      score: 0,
      classification: 'Fail',
      classificationReason: 'Canary Failed: The metric cpu was classified as High (Critical)',
    });
    const ratio = result.results[0]?.resultMetadata?.ratio;
    expect(typeof ratio === 'number' && ratio > 2).toBe(true);
    expect(result.results[0]?.experimentMetadata.stats.count).toBe(10);
  });

  it('explains each verdict with its numbers', () => {
    const d = result.results[0]?.canaryJudge;
    expect(d?.decidedBy).toBe('mann-whitney');
    expect(d?.significance).toBe('increase');
    expect(d?.explanation).toMatch(/98% interval .* \[.*\].*High.*critical/);
    expect(d?.samples.control).toEqual({
      raw: 10,
      nan: 0,
      nanRemoved: 0,
      nanReplaced: 0,
      outliersRemoved: 0,
      used: 10,
    });
    expect(d?.tolerance).toBe(0.25);
    expect(d?.confidenceLevel).toBe(0.98);
    expect(result.results[1]?.canaryJudge?.explanation).toMatch(/no significant change: Pass/);
  });
});

describe('judge: wire details', () => {
  it('reads "NaN" points, reports NaN ratios as "NaN" and counts removed points', () => {
    const r = judge(
      request(
        [{ name: 'errors', groups: ['g'] }],
        [pair('errors', [0, 0, 0, 'NaN', 0, 0], [54.9, 54.5, 'NaN', 55.1, 55.6, 57.4])],
      ),
    );
    const m = r.results[0];
    expect(m?.classification).toBe('High');
    expect(m?.resultMetadata).toEqual({ ratio: 'NaN' });
    expect(m?.canaryJudge?.effectSize).toBe('NaN');
    expect(m?.canaryJudge?.samples.experiment).toMatchObject({ raw: 6, nan: 1, nanRemoved: 1, used: 5 });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('replace with an all-NaN canary and a healthy baseline → zeros vs values → Low', () => {
    const r = judge(
      request(
        [{ name: 'rps', groups: ['g'], analysisConfigurations: { canary: { nanStrategy: 'replace' } } }],
        [pair('rps', [10, 11, 12, 10, 11, 12, 10, 11], ['NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN', 'NaN'])],
      ),
    );
    expect(r.results[0]?.classification).toBe('Low');
    expect(r.results[0]?.canaryJudge?.samples.experiment).toMatchObject({ nanReplaced: 8, used: 8 });
    expect(r.results[0]?.experimentMetadata.stats).toEqual({ count: 8, mean: 0, min: 0, std: 0, max: 0 });
  });

  it('all-NaN under remove → Nodata with zero stats; with mustHaveData → NodataFailMetric', () => {
    const r = judge(
      request(
        [
          { name: 'a', groups: ['g'] },
          { name: 'b', groups: ['g'], analysisConfigurations: { canary: { mustHaveData: true } } },
          { name: 'c', groups: ['g'] },
        ],
        [pair('a', [1, 2], ['NaN']), pair('b', [1, 2], []), pair('c', [1, 2, 3], [1, 2, 3])],
      ),
    );
    expect(r.results.map((x) => x.classification)).toEqual(['Nodata', 'NodataFailMetric', 'Pass']);
    expect(r.results[0]?.experimentMetadata.stats).toEqual({ count: 0, mean: 0, min: 0, std: 0, max: 0 });
    expect(r.results[0]?.classificationReason).toBe('Missing data for a');
    expect(r.results[0]?.resultMetadata).toEqual({ ratio: 1 });
    expect(r.groupScores).toEqual([{ name: 'g', score: 50, classification: '', classificationReason: '' }]);
    expect(r.score.score).toBe(50);
    expect(r.score.classification).toBe('Marginal');
  });

  it('removes outliers only with outliers.strategy remove', () => {
    const control = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 11];
    const experiment = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 10, 500];
    const keep = judge(request([{ name: 'm', groups: ['g'] }], [pair('m', control, experiment)]));
    const remove = judge(
      request(
        [
          {
            name: 'm',
            groups: ['g'],
            analysisConfigurations: { canary: { outliers: { strategy: 'remove', outlierFactor: 1.5 } } },
          },
        ],
        [pair('m', control, experiment)],
      ),
    );
    expect(keep.results[0]?.canaryJudge?.samples.experiment.outliersRemoved).toBe(0);
    expect(keep.results[0]?.experimentMetadata.stats.max).toBe(500);
    expect(remove.results[0]?.experimentMetadata.stats.max).toBe(12);
    expect(remove.results[0]?.canaryJudge?.samples.experiment.outliersRemoved).toBe(1);
  });

  it('writes Error without resultMetadata and leaves it out of the scores', () => {
    const r = judge(
      request(
        [
          { name: 'e', groups: ['g'] },
          { name: 'p', groups: ['g'] },
        ],
        [pair('e', [1e16, 1e16], [1, 1.0000000000000002]), pair('p', [1, 2, 3], [3, 2, 1])],
      ),
    );
    expect(r.results[0]?.classification).toBe('Error');
    expect(r.results[0]?.classificationReason).toBe('Metric Classification Failed');
    expect(r.results[0]).not.toHaveProperty('resultMetadata');
    expect(r.results[0]?.canaryJudge?.errorMessage).toMatch(/tied/);
    expect(r.score.score).toBe(100);
  });

  it('reports muted metrics but does not score them; a muted metric may lack groups', () => {
    const r = judge(
      request(
        [
          { name: 'bad', analysisConfigurations: { canary: { muted: true, critical: true } } } as CanaryMetricConfig,
          { name: 'ok', groups: ['g'] },
        ],
        [pair('bad', [1, 2, 3, 2, 1], [100, 101, 102, 100, 101]), pair('ok', [1, 2, 3], [1, 2, 3])],
      ),
    );
    expect(r.results[0]).toMatchObject({ classification: 'High', critical: true, muted: true, groups: [] });
    expect(r.results[0]?.canaryJudge?.explanation).toMatch(/muted/);
    expect(r.score).toEqual({ score: 100, classification: 'Pass', classificationReason: '' });
  });

  it('matches a pair to the first config with its name and copies id and tags', () => {
    const r = judge(
      request(
        [
          { name: 'm', groups: ['first'] },
          { name: 'm', groups: ['second'] },
        ],
        [{ name: 'm', tags: { region: 'eu' }, values: { control: [1, 2], experiment: [1, 2] } }],
      ),
    );
    expect(r.results[0]?.groups).toEqual(['first']);
    expect(r.results[0]?.tags).toEqual({ region: 'eu' });
    expect(r.results[0]).not.toHaveProperty('id');
  });

  it('applies one config to every pair (tag combination) of its metric', () => {
    const config = { name: 'm', groups: ['g'], analysisConfigurations: { canary: { direction: 'decrease' } } };
    const up = { control: [1, 2, 3, 2, 1, 2, 3, 2, 1, 2], experiment: [9, 8, 9, 8, 9, 8, 9, 8, 9, 8] };
    const r = judge(
      request(
        [config as CanaryMetricConfig],
        [
          { name: 'm', tags: { region: 'eu' }, values: up },
          { name: 'm', tags: { region: 'us' }, values: up },
        ],
      ),
    );
    // An increase against direction "decrease" passes, for both pairs.
    expect(r.results.map((m) => [m.tags, m.classification, m.canaryJudge?.direction])).toEqual([
      [{ region: 'eu' }, 'Pass', 'decrease'],
      [{ region: 'us' }, 'Pass', 'decrease'],
    ]);
  });

  it('treats group names like __proto__ and constructor as ordinary names', () => {
    const body = JSON.parse(
      '{"canaryConfig":{"metrics":[{"name":"a","groups":["__proto__"]},{"name":"b","groups":["constructor"]}],' +
        '"classifier":{"groupWeights":{"__proto__":20,"constructor":70}}},' +
        '"metricSetPairList":[{"name":"a","values":{"control":[1,2],"experiment":[1,2]}},' +
        '{"name":"b","values":{"control":[1,2,3,2,1,2,3,2,1,2],"experiment":[9,8,9,8,9,8,9,8,9,8]}}],' +
        '"scoreThresholds":{"pass":75,"marginal":50}}',
    ) as RemoteJudgeRequest;
    const r = judge(body);
    expect(r.results.map((m) => m.classification)).toEqual(['Pass', 'High']);
    expect(r.score.score).toBe(20); // 100·20 % + 0·70 %; losing the __proto__ weight would give it (100 − 70) = 30
  });

  it('marks a group without countable results with noData after Kayenta’s fields', () => {
    const r = judge(
      request(
        [
          { name: 'a', groups: ['x'] },
          { name: 'b', groups: ['y'] },
          { name: 'c', groups: ['y'] },
        ],
        [pair('a', [1], []), pair('b', [1, 2], [1, 2]), pair('c', [1, 2], [1, 2])],
      ),
    );
    expect(r.groupScores).toContainEqual({
      name: 'x',
      score: 0,
      classification: '',
      classificationReason: '',
      noData: true,
    });
    expect(r.score.score).toBe(100);
  });
});

describe('judge: settings present with the value null (Kayenta MapUtils: absent ⇒ default)', () => {
  it('judges every setting written as null exactly like the same config without it, byte for byte', () => {
    const control = [9.1, 10.2, 8.7, 11.4, 9.9, 10.8, 9.4, 10.1, 12.3, 8.2];
    const experiment = [20.4, 19.1, 21.7, 22.3, 18.9, 20.2, 19.8, 21.1, 23.4, 17.6];
    const plain = request(
      [{ name: 'cpu', groups: ['system'], analysisConfigurations: { canary: { direction: 'increase' } } }],
      [pair('cpu', control, experiment)],
    );
    const nulls = request(
      [
        {
          name: 'cpu',
          groups: ['system'],
          analysisConfigurations: {
            canary: { ...allNullCanarySettings(), direction: 'increase' },
            canaryJudge: null,
          } as unknown as CanaryMetricConfig['analysisConfigurations'],
        },
      ],
      [pair('cpu', control, experiment)],
    );
    const a = JSON.stringify(judge(plain));
    expect(JSON.stringify(judge(nulls))).toBe(a);
    expect(judge(nulls).results[0]!.classification).toBe('High'); // the default allowedIncrease 1.0, not 0.0
  });
});

describe('judge: refusals (Kayenta fails the whole call)', () => {
  const ok = (): RemoteJudgeRequest => request([{ name: 'm', groups: ['g'] }], [pair('m', [1, 2, 3], [1, 2, 4])]);

  function refusal(mutate: (r: Record<string, unknown>) => void): JudgeInputError {
    const body = JSON.parse(JSON.stringify(ok())) as Record<string, unknown>;
    mutate(body);
    try {
      judge(body as unknown as RemoteJudgeRequest);
    } catch (e) {
      if (e instanceof JudgeInputError) return e;
      throw e;
    }
    throw new Error('expected a JudgeInputError');
  }
  const pairs = (r: Record<string, unknown>) => r['metricSetPairList'] as Record<string, unknown>[];
  const configs = (r: Record<string, unknown>) =>
    (r['canaryConfig'] as Record<string, unknown>)['metrics'] as Record<string, unknown>[];
  const values = (r: Record<string, unknown>) => pairs(r)[0]?.['values'] as Record<string, unknown[]>;

  it.each<[string, (r: Record<string, unknown>) => void, string, RegExp]>([
    ['a null point', (r) => (values(r)['control']![1] = null), 'metricSetPairList[0].values.control[1]', /not be null/],
    [
      'a numeric string point',
      (r) => (values(r)['experiment']![2] = '4'),
      'metricSetPairList[0].values.experiment[2]',
      /"NaN"/,
    ],
    ['a missing control series', (r) => delete values(r)['control'], 'metricSetPairList[0].values.control', /required/],
    [
      'a pair without a config',
      (r) => (pairs(r)[0]!['name'] = 'other'),
      'metricSetPairList[0].name',
      /no metric config named "other"/,
    ],
    [
      'a config without groups',
      (r) => delete configs(r)[0]!['groups'],
      'canaryConfig.metrics[0].groups',
      /unless the metric is muted/,
    ],
    ['a non-string group', (r) => (configs(r)[0]!['groups'] = [1]), 'canaryConfig.metrics[0].groups[0]', /string/],
    [
      'outlierFactor 0',
      (r) => (configs(r)[0]!['analysisConfigurations'] = { canary: { outliers: { outlierFactor: 0 } } }),
      'canaryConfig.metrics[0].analysisConfigurations.canary.outliers.outlierFactor',
      /greater than 0/,
    ],
    [
      'a string critical',
      (r) => (configs(r)[0]!['analysisConfigurations'] = { canary: { critical: 'yes' } }),
      'canaryConfig.metrics[0].analysisConfigurations.canary.critical',
      /boolean/,
    ],
    ['missing thresholds', (r) => delete r['scoreThresholds'], 'scoreThresholds', /required/],
    [
      'a string pass threshold',
      (r) => (r['scoreThresholds'] = { pass: '75', marginal: 50 }),
      'scoreThresholds.pass',
      /number/,
    ],
    [
      'a non-number weight',
      (r) => ((r['canaryConfig'] as Record<string, unknown>)['classifier'] = { groupWeights: { g: null } }),
      'canaryConfig.classifier.groupWeights.g',
      /number/,
    ],
    [
      'metrics not an array',
      (r) => ((r['canaryConfig'] as Record<string, unknown>)['metrics'] = {}),
      'canaryConfig.metrics',
      /array/,
    ],
    ['a non-string tag', (r) => (pairs(r)[0]!['tags'] = { a: 1 }), 'metricSetPairList[0].tags.a', /string/],
  ])('refuses %s', (_name, mutate, path, rule) => {
    const e = refusal(mutate);
    expect(e.path).toBe(path);
    expect(e.rule).toMatch(rule);
    expect(e.message).toBe(`${path}: ${e.rule}`);
  });

  it('refuses a body that is not an object', () => {
    expect(() => judge(null as unknown as RemoteJudgeRequest)).toThrow(JudgeInputError);
    expect(() => judge([] as unknown as RemoteJudgeRequest)).toThrow(/must be an object/);
  });
});

describe('judge: upstream integration cases (qualitative), ported with seeded uniform data', () => {
  const cases = upstreamCases('judge').filter((c) => !(c.source in NOT_APPLICABLE));
  type Bounds = { lowerBound: number; upperBound: number };

  it.each(cases.map((c) => [c.source.split('#')[1] ?? c.source, c] as const))('%s (seeds 1–5)', (_name, c) => {
    const metrics = c.config['metrics'] as CanaryMetricConfig[];
    const weights = (c.config['classifier'] as { groupWeights: Record<string, number> }).groupWeights;
    const thresholds = (c.config['executionRequest'] as { thresholds: { pass: number; marginal: number } }).thresholds;
    const expected = c.expected;
    for (let seed = 1; seed <= 5; seed++) {
      const next = rng(seed);
      const pairs = metrics.map((m) => {
        const spec = (metrics.length === 1 ? c.input : c.input[m.name]) as { control: Bounds; experiment: Bounds };
        const control = uniform(next, spec.control.lowerBound, spec.control.upperBound);
        const experiment = uniform(next, spec.experiment.lowerBound, spec.experiment.upperBound);
        return pair(m.name, control, experiment);
      });
      const r = judge({
        canaryConfig: { metrics, classifier: { groupWeights: weights } },
        metricSetPairList: pairs,
        scoreThresholds: thresholds,
      });
      const passed = r.score.score > thresholds.marginal && r.score.score >= thresholds.pass;
      expect(passed, `seed ${seed}`).toBe(expected['didPassThresholds']);
      expect(r.results.every((x) => x.controlMetadata.stats.count >= 50)).toBe(expected['hasWarnings'] === false);
      const message = expected['canaryScoreMessage'];
      if (typeof message === 'string') {
        const score = Number(/score ([\d.]+)/.exec(message)?.[1]);
        expect(r.score.score, `seed ${seed}`).toBe(score);
      }
      const labels = expected['metricClassification'] as Record<string, string> | undefined;
      for (const [name, label] of Object.entries(labels ?? {})) {
        expect(r.results.find((x) => x.name === name)?.classification, `${name}, seed ${seed}`).toBe(label);
      }
    }
  });
});
