import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { retrospectiveForm, validForm } from '../testing/fixtures';
import {
  emptyMetric,
  formToStage,
  JUDGE_MONITOR_FIELDS,
  judgeBaseUrlFromUrl,
  numberText,
  parseNumberText,
  stageToForm,
  webhookFields,
  type FormState,
} from './stageJson';

describe('parseNumberText / numberText', () => {
  it.each([
    ['7', 7],
    [' 7.5 ', 7.5],
    ['1e3', 1000],
    ['', undefined],
    ['  ', undefined],
    ['7x', '7x'],
    ['Infinity', 'Infinity'],
  ])('parses %j as %j', (text, expected) => {
    expect(parseNumberText(text)).toEqual(expected);
  });

  it('prints numbers without float noise', () => {
    expect(numberText((1.1 - 1) * 100)).toBe('10');
    expect(numberText(undefined)).toBe('');
    expect(numberText('abc')).toBe('abc');
  });
});

describe('formToStage', () => {
  it('writes the webhook fields Orca needs, with the SpEL judgment key', () => {
    const changes = formToStage(validForm(), { type: 'canaryJudge', name: 'Canary Judge' });
    expect(changes).toMatchObject({
      alias: 'webhook',
      url: 'http://127.0.0.1:8080/v1/judgments/${execution.id}-${#currentStage().id}-${#currentStage().startTime}',
      method: 'PUT',
      // Orca's polling fields; docs/example-pipeline.json pins their values (examplePipeline.test.ts).
      ...JUDGE_MONITOR_FIELDS,
      cancelEndpoint:
        'http://127.0.0.1:8080/v1/judgments/${execution.id}-${#currentStage().id}-${#currentStage().startTime}/cancel',
      cancelMethod: 'POST',
    });
    expect(changes).not.toHaveProperty('name');
    expect(changes).not.toHaveProperty('type');
  });

  it('writes a JudgmentRequest payload with numbers, ratios and group weights', () => {
    const payload = formToStage(validForm(), {})['payload'] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(payload['apiVersion']).toBe('canary-judge/v1');
    expect(payload['metricSource']).toBe('demo');
    expect(payload['thresholds']).toEqual({ pass: 75, marginal: 50 });
    expect(payload['timing']).toEqual({ lifetimeMinutes: 30, intervalMinutes: 10, warmupMinutes: 5, stepSeconds: 60 });
    expect(payload['scopes']).toEqual({
      controlScope: 'checkout-baseline',
      experimentScope: 'checkout-canary',
      controlLocation: 'us-east-1',
      experimentLocation: 'us-east-1',
    });
    expect(payload['canaryConfig'].classifier.groupWeights).toEqual({ latency: 60, errors: 40 });
    const err = payload['canaryConfig'].metrics[1];
    expect(err.groups).toEqual(['errors']);
    expect(err.query).toEqual({ series: 'errors' });
    expect(err.analysisConfigurations.canary).toMatchObject({
      direction: 'increase',
      mustHaveData: true,
      effectSize: { measure: 'meanRatio', allowedIncrease: 1.1, criticalIncrease: 1.5 },
    });
  });

  it('sets stageTimeoutMs to lifetime + warm-up + 15 min unless the user overrides the timeout', () => {
    expect(formToStage(validForm(), {})['stageTimeoutMs']).toBe((30 + 5 + 15) * 60_000);
    expect(formToStage(validForm(), { overrideTimeout: true })).not.toHaveProperty('stageTimeoutMs');
  });

  it('writes a retrospective window instead of lifetime fields', () => {
    const changes = formToStage(retrospectiveForm(), {});
    expect((changes['payload'] as Record<string, unknown>)['timing']).toEqual({
      startTimeIso: '2026-01-01T00:00:00Z',
      endTimeIso: '2026-01-01T01:00:00Z',
      stepSeconds: 60,
    });
    expect(changes).not.toHaveProperty('stageTimeoutMs');
  });

  it('keeps unknown payload and metric keys it does not edit', () => {
    const first = formToStage(validForm(), {});
    const payload = first['payload'] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    payload['canaryConfig'].templates = { t: 'x' };
    payload['canaryConfig'].metrics[0].scopeName = 'default';
    payload['canaryConfig'].metrics[0].query.extra = 1;
    const second = formToStage(validForm(), { ...first }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(second['payload'].canaryConfig.templates).toEqual({ t: 'x' });
    expect(second['payload'].canaryConfig.metrics[0].scopeName).toBe('default');
    expect(second['payload'].canaryConfig.metrics[0].query).toEqual({ series: 'latency', extra: 1 });
    const prom = formToStage({ ...validForm(), metricSource: 'prometheus' }, { ...first }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(prom['payload'].canaryConfig.metrics[0].query).toEqual({ promql: 'latency', extra: 1 });
  });

  it('reads and writes the metric display unit; empty removes it, absent keeps it', () => {
    const first = formToStage(validForm(), {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(first['payload'].canaryConfig.metrics[0]).not.toHaveProperty('unit');
    first['payload'].canaryConfig.metrics[0].unit = 'ms';
    const form = stageToForm(first);
    expect(form.metrics[0]!.unit).toBe('ms');
    const kept = formToStage({ ...validForm() }, { ...first }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(kept['payload'].canaryConfig.metrics[0].unit).toBe('ms');
    const changed = formToStage(
      { ...form, metrics: [{ ...form.metrics[0]!, unit: ' req/s ' }, ...form.metrics.slice(1)] },
      { ...first },
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(changed['payload'].canaryConfig.metrics[0].unit).toBe('req/s');
    const cleared = formToStage(
      { ...form, metrics: [{ ...form.metrics[0]!, unit: '' }, ...form.metrics.slice(1)] },
      { ...first },
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(cleared['payload'].canaryConfig.metrics[0]).not.toHaveProperty('unit');
  });

  it('stores CLES effect sizes as probabilities, not percentages', () => {
    const form = validForm();
    form.metrics[0] = { ...form.metrics[0]!, effectMeasure: 'cles', allowedIncreasePct: '0.6' };
    const changes = formToStage(form, {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(changes['payload'].canaryConfig.metrics[0].analysisConfigurations.canary.effectSize).toEqual({
      measure: 'cles',
      allowedIncrease: 0.6,
    });
    expect(stageToForm(changes).metrics[0]!.allowedIncreasePct).toBe('0.6');
  });

  it('keeps unparseable numbers as text so validation can name them', () => {
    const changes = formToStage({ ...validForm(), pass: '7x' }, {});
    expect((changes['payload'] as Record<string, any>)['thresholds'].pass).toBe('7x'); // eslint-disable-line @typescript-eslint/no-explicit-any
  });
});

describe('stageToForm', () => {
  it('gives an empty form with one metric and the settings URL for a new stage', () => {
    const form = stageToForm({ type: 'canaryJudge', name: 'x' }, 'https://judge.example.com');
    expect(form.judgeBaseUrl).toBe('https://judge.example.com');
    expect(form.metrics).toEqual([emptyMetric()]);
    expect(form.analysisType).toBe('realTime');
  });

  it('tolerates malformed stages', () => {
    expect(() => stageToForm({ payload: 'oops', url: 42 })).not.toThrow();
    expect(stageToForm({ payload: { canaryConfig: { metrics: [{}] } } }).metrics[0]?.name).toBe('');
  });

  it('round-trips the valid form', () => {
    const form = validForm();
    expect(stageToForm(formToStage(form, {}))).toEqual(form);
  });

  it('round-trips any form with numeric fields (property)', () => {
    const numText = fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 10_000 }).map(String),
      // Percentages are stored as ratios at 12 significant digits: exact for up to 4 decimals below 1000.
      fc.integer({ min: 0, max: 10_000_000 }).map((i) => numberText(i / 10_000)),
    );
    fc.assert(
      fc.property(numText, numText, numText, numText, numText, (a, b, c, d, e) => {
        const form: FormState = {
          ...validForm(),
          lifetimeMinutes: a,
          warmupMinutes: b,
          pass: c,
          marginal: d,
          metrics: [{ ...emptyMetric('g'), name: 'm', query: 'q', allowedIncreasePct: e, criticalDecreasePct: e }],
          groupWeights: [{ group: 'g', weight: c }],
        };
        const back = stageToForm(formToStage(form, {}));
        expect(back).toEqual(form);
      }),
      { numRuns: 200 },
    );
  });
});

describe('webhookFields / judgeBaseUrlFromUrl', () => {
  it('strips trailing slashes and recovers the base URL', () => {
    const url = webhookFields('https://judge.example.com//')['url'];
    expect(url).toMatch(/^https:\/\/judge\.example\.com\/v1\/judgments\//);
    expect(judgeBaseUrlFromUrl(url)).toBe('https://judge.example.com');
    expect(judgeBaseUrlFromUrl('nope')).toBe('');
  });
});
