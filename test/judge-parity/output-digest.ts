/**
 * Output digests of the judge on fixed, seeded workloads — the before/after proof that a speed change left every
 * result bit-identical (issue 9, "results bit-identical to today's").
 *
 * Workloads: the four benchmark shapes of `bench/judge.ts` (1×10,000, 100×1,000, 1×100,000, 300×500, same seeded
 * normals), 300 small seeded requests over every setting (ties, zeros, NaN, outlier removal, CLES, critical, one- and
 * two-point series), 24 larger seeded requests (counters full of ties, mostly-zero counters, mixed magnitudes,
 * shifted copies), Mann-Whitney inputs crafted for the search's rounding, overflow and tie corner cases, and the upstream Kayenta classifier and Mann-Whitney test vectors
 * (`shared/fixtures/kayenta-upstream-cases.json`). Each digest is the SHA-256 of the JSON output with every number
 * written as its exact bits (so −0, NaN and a last-bit change all show). `output-digest.test.ts` compares them with
 * `output-digests.json`, recorded before the speed work; regenerate that file only for a deliberate behaviour change
 * (`npx tsx test/judge-parity/output-digest.ts > test/judge-parity/output-digests.json`).
 */
import { createHash } from 'node:crypto';
import {
  classifyMetric,
  judge,
  mannWhitney,
  mulberry32,
  type CanaryAnalysisSettings,
  type ClassifierOptions,
  type RemoteJudgeRequest,
  type WireNumber,
} from '@canary-judge/shared';
import { upstreamCases } from '@canary-judge/shared/testing';
import { buildRequest } from '../../bench/judge';
import { normals } from '../../bench/seeded';

/** Hex of a number's IEEE-754 bits (distinguishes −0 and NaN payload-free). */
function bits(v: number): string {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, v);
  return `0x${b.getBigUint64(0).toString(16)}`;
}

/**
 * SHA-256 of `value` as JSON with every number replaced by its bits.
 *
 * @param value Any JSON-like value (NaN and −0 allowed).
 * @returns Hex digest.
 */
export function digestOf(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' ? bits(v) : v));
  return createHash('sha256').update(text).digest('hex');
}

/** Seeded draws: `r()` uniform in [0, 1), `pick(xs)` one of `xs`. */
interface Draws {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
}

/** One drawn metric: its groups and canary settings, then its two series (drawn in this order). */
interface DrawnMetric {
  groups: string[];
  canary: CanaryAnalysisSettings;
  control: WireNumber[];
  experiment: WireNumber[];
}

/**
 * A seeded request of 1 to `maxMetrics` metrics named `m0`, `m1`, …, each drawn by `metric` from the same
 * generator (so the request depends on `seed` only).
 *
 * @param seed Picks the request.
 * @param maxMetrics Largest number of metrics.
 * @param groupWeights The classifier's group weights.
 * @param metric Draws one metric.
 * @returns The request, thresholds 75/50.
 */
function seededRequest(
  seed: number,
  maxMetrics: number,
  groupWeights: Record<string, number>,
  metric: (d: Draws) => DrawnMetric,
): RemoteJudgeRequest {
  const r = mulberry32(seed);
  const d: Draws = { r, pick: (xs) => xs[Math.floor(r() * xs.length)]! };
  const metrics = Array.from({ length: 1 + Math.floor(r() * maxMetrics) }, (_, m) => ({ name: `m${m}`, ...metric(d) }));
  return {
    canaryConfig: {
      metrics: metrics.map(({ name, groups, canary }) => ({ name, groups, analysisConfigurations: { canary } })),
      classifier: { groupWeights },
    },
    metricSetPairList: metrics.map(({ name, control, experiment }) => ({ name, values: { control, experiment } })),
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}

/** A small seeded request exercising every setting and data shape (`seed` picks it). */
export function variedRequest(seed: number): RemoteJudgeRequest {
  return seededRequest(seed, 5, { a: 50, b: 30 }, ({ r, pick }) => {
    const shape = pick(['normal', 'ties', 'zeros', 'constant', 'tiny', 'wide'] as const);
    const series = (shift: number): WireNumber[] => {
      const n = shape === 'tiny' ? 1 + Math.floor(r() * 3) : Math.floor(r() * 60);
      const c = pick([0, 1, 7.5, -3]);
      return Array.from({ length: n }, (): WireNumber => {
        if (r() < 0.05) return 'NaN';
        switch (shape) {
          case 'ties':
            return Math.round(r() * 4) + shift;
          case 'zeros':
            return r() < 0.7 ? 0 : Math.round(r() * 3 + shift);
          case 'constant':
            return c + shift;
          case 'wide':
            return (r() - 0.5) * 1e6 * (1 + shift);
          default:
            return 50 + 10 * (r() - 0.5) + shift * 3;
        }
      });
    };
    const shift = pick([0, 0, 1, -1]);
    return {
      groups: [pick(['a', 'b', 'c'])],
      canary: {
        direction: pick(['increase', 'decrease', 'either']),
        nanStrategy: pick(['remove', 'replace']),
        critical: r() < 0.2,
        mustHaveData: r() < 0.3,
        muted: r() < 0.1,
        outliers: { strategy: pick(['remove', 'keep']), outlierFactor: pick([1, 1.5, 3]) },
        effectSize: {
          measure: pick(['meanRatio', 'cles']),
          ...(r() < 0.5 ? { allowedIncrease: 1.05, allowedDecrease: 0.95 } : {}),
          ...(r() < 0.3 ? { criticalIncrease: 1.2, criticalDecrease: 0.8 } : {}),
        },
      },
      control: series(0),
      experiment: series(shift),
    };
  });
}

/**
 * A larger seeded request (200–4,000 points a side) over the data shapes the Mann-Whitney search treats differently:
 * continuous, integer counters full of ties (so `x − d` lands on `y` values), mostly-zero counters, values of mixed
 * magnitude, and a shifted copy of the baseline; with and without outlier removal and CLES.
 *
 * @param seed Picks the request.
 * @returns The request.
 */
export function largeRequest(seed: number): RemoteJudgeRequest {
  return seededRequest(seed, 3, {}, ({ r, pick }) => {
    const shape = pick(['normal', 'counter', 'zeros', 'magnitudes', 'copy'] as const);
    const shift = pick([0, 1, -1, 0.5]);
    const base = normals(r, 200 + Math.floor(r() * 3800), 100, 10);
    const series = (s: number): WireNumber[] => {
      const n = 200 + Math.floor(r() * 3800);
      return Array.from({ length: n }, (_, i): WireNumber => {
        if (r() < 0.01) return 'NaN';
        switch (shape) {
          case 'counter':
            return Math.floor(r() * 12) + s;
          case 'zeros':
            return r() < 0.9 ? 0 : Math.floor(r() * 4) + s;
          case 'magnitudes':
            return (r() - 0.5) * 10 ** Math.floor(r() * 30 - 15) + s * 1e-12;
          case 'copy':
            return base[i % base.length]! + s;
          default:
            return 100 + 10 * (r() - 0.5) * 2 + s;
        }
      });
    };
    return {
      groups: ['a'],
      canary: {
        direction: pick(['increase', 'decrease', 'either']),
        outliers: { strategy: pick(['remove', 'keep']), outlierFactor: pick([1.5, 3]) },
        effectSize: { measure: pick(['meanRatio', 'cles']) },
      },
      control: series(0),
      experiment: series(shift),
    };
  });
}

/**
 * Mann-Whitney inputs built to hit the search's corner cases at sizes where the merge is split: values so close that
 * `x − d` rounds distinct values together (tiny values against values near 1), values near the double range (so
 * `x − d` overflows), exact duplicates, dyadic values whose shifts tie with the other side, and ±0 mixes.
 *
 * @returns Pairs `[x, y]` of samples.
 */
export function craftedSamples(): [number[], number[]][] {
  const r = mulberry32(99);
  const out: [number[], number[]][] = [];
  for (const n of [1, 2, 3, 5, 8, 17, 64, 257, 1000, 3001]) {
    const m = Math.max(1, Math.floor(n * (0.5 + r())));
    const seq = (k: number, f: (i: number) => number): number[] => Array.from({ length: k }, (_, i) => f(i));
    out.push([seq(n, (i) => i * 1e-20), seq(m, (i) => 1 + (i % 7))]);
    out.push([seq(n, () => 1 + Math.floor(r() * 8) * 2 ** -52), seq(m, () => 1 + Math.floor(r() * 8) * 2 ** -52)]);
    out.push([seq(n, () => (r() - 0.5) * 1.6e308), seq(m, () => (0.1 + 0.7 * r()) * 1e308)]);
    out.push([seq(n, () => Math.floor(r() * 5)), seq(m, () => Math.floor(r() * 5) + 0.5)]);
    out.push([seq(n, () => Math.floor(r() * 9) / 4), seq(m, () => Math.floor(r() * 9) / 4)]);
    out.push([seq(n, () => (r() < 0.3 ? -0 : r() < 0.5 ? 0 : r() - 0.5)), seq(m, () => (r() < 0.3 ? -0 : 0.25))]);
    out.push([seq(n, () => 1e15 + Math.floor(r() * 1000)), seq(m, () => Math.floor(r() * 1000) * 1e-3)]);
  }
  return out;
}

const num = (v: unknown): number => (v === 'NaN' ? NaN : (v as number));

/**
 * Computes every workload's digest (module doc).
 *
 * @returns Workload name → SHA-256 hex of its output.
 */
export function outputDigests(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [m, p] of [
    [1, 10_000],
    [100, 1_000],
    [1, 100_000],
    [300, 500],
  ] as const) {
    out[`bench ${m}x${p}`] = digestOf(judge(buildRequest(m, p)));
  }
  out['varied 300 requests'] = digestOf(Array.from({ length: 300 }, (_, i) => judge(variedRequest(1000 + i))));
  out['large 24 requests'] = digestOf(Array.from({ length: 24 }, (_, i) => judge(largeRequest(2000 + i))));
  out['crafted mannwhitney'] = digestOf(
    craftedSamples().map(([x, y]) => {
      try {
        return mannWhitney(x, y, 0.98);
      } catch (e) {
        return String(e);
      }
    }),
  );
  const base: ClassifierOptions = {
    metricName: 'm',
    direction: 'either',
    nanStrategy: 'remove',
    critical: false,
    mustHaveData: false,
    tolerance: 0.25,
    confLevel: 0.98,
    effectSizeMeasure: 'meanRatio',
    allowedIncrease: 1,
    allowedDecrease: 1,
    criticalIncrease: 1,
    criticalDecrease: 1,
  };
  out['upstream classifier'] = digestOf(
    upstreamCases('classifier').map((c) => {
      const e = ((c.input.experiment as unknown[]) ?? []).map(num);
      const k = ((c.input.control as unknown[]) ?? []).map(num);
      return classifyMetric(k, e, base);
    }),
  );
  out['upstream mannwhitney'] = digestOf(
    upstreamCases('mannwhitney').map((c) => {
      const x = ((c.input.x as unknown[]) ?? []).map(num);
      const y = ((c.input.y as unknown[]) ?? []).map(num);
      try {
        return mannWhitney(x, y, 0.95);
      } catch (e) {
        return String(e);
      }
    }),
  );
  return out;
}

if (process.argv[1]?.endsWith('output-digest.ts')) console.log(JSON.stringify(outputDigests(), null, 2));
