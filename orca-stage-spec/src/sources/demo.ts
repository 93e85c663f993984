/**
 * The built-in `demo` metric source: deterministic synthetic series for any window, so live and retrospective
 * judgments, tests and the demo page work without a metric store.
 *
 * Scenario (what the canary does), first match wins:
 * 1. the metric's `query.scenario`;
 * 2. a scenario name contained in the experiment (canary) scope, then in the control scope
 *    (e.g. `checkout-canary-latency-regression`);
 * 3. `healthy`.
 *
 * Scenarios: `healthy` (canary drawn from the baseline's distributions), `latency-regression` (canary latency
 * +40 %), `error-burst` (a sparse error counter on the baseline; on the canary, bursts of 5–15 errors per
 * step in two of every three 2-minute blocks), `missing-data` (the canary returns no points at all).
 *
 * Series kind: the metric's `query.series`, else guessed from its name (`latency`, `error`, `cpu`), else `latency`.
 * Values depend only on (scenario, side, kind, timestamp) through a seeded hash, so any two fetches that overlap
 * return the same points.
 */
import { mulberry32 } from '@canary-judge/shared';
import { MetricSourceError, stepTimestamps, type FetchRequest, type MetricSource, type Series } from './port';

/** The demo scenarios, see the module comment. */
export const DEMO_SCENARIOS = ['healthy', 'latency-regression', 'error-burst', 'missing-data'] as const;

/** One demo scenario name. */
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** The demo series kinds. */
export const DEMO_SERIES = ['latency', 'errors', 'cpu'] as const;

/** One demo series kind. */
export type DemoSeries = (typeof DEMO_SERIES)[number];

/** FNV-1a 32-bit hash of a string (http://www.isthe.com/chongo/tech/comp/fnv/). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Standard normal draw by Box–Muller from two uniforms. */
function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  const v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A metric's `query.<key>` (`scenario`, `series`) when it names one of `known`; undefined when it is not a string
 * (the caller's fallback then applies).
 * @throws MetricSourceError `BAD_QUERY` naming the unknown value and the known ones
 */
function queryChoice<T extends string>(
  metric: FetchRequest['metric'],
  key: string,
  known: readonly T[],
): T | undefined {
  const v = metric.query?.[key];
  if (typeof v !== 'string') return undefined;
  const hit = known.find((s) => s === v);
  if (!hit) {
    throw new MetricSourceError(
      'BAD_QUERY',
      `metric ${metric.name}: unknown demo ${key} "${v}" (known: ${known.join(', ')})`,
    );
  }
  return hit;
}

/** Picks the scenario for a fetch (see the module comment). */
export function demoScenario(req: Pick<FetchRequest, 'metric' | 'scopes'>): DemoScenario {
  const fromQuery = queryChoice(req.metric, 'scenario', DEMO_SCENARIOS);
  if (fromQuery) return fromQuery;
  for (const scope of [req.scopes.experimentScope, req.scopes.controlScope]) {
    // Longest names first so that a scope never matches a shorter name hidden inside a longer one.
    const hit = [...DEMO_SCENARIOS].sort((a, b) => b.length - a.length).find((s) => scope.includes(s));
    if (hit) return hit;
  }
  return 'healthy';
}

/** Picks the series kind for a metric (see the module comment). */
export function demoSeriesKind(req: Pick<FetchRequest, 'metric'>): DemoSeries {
  const fromQuery = queryChoice(req.metric, 'series', DEMO_SERIES);
  if (fromQuery) return fromQuery;
  const name = req.metric.name.toLowerCase();
  if (name.includes('error')) return 'errors';
  if (name.includes('cpu')) return 'cpu';
  return 'latency';
}

/** The value of one demo point; pure in its arguments. */
export function demoValue(scenario: DemoScenario, side: 'control' | 'experiment', kind: DemoSeries, t: number): number {
  const rand = mulberry32(fnv1a(`${side}|${kind}|${t}`));
  const canary = side === 'experiment';
  switch (kind) {
    case 'latency': {
      const mean = canary && scenario === 'latency-regression' ? 140 : 100;
      return Math.max(1, mean + 8 * normal(rand));
    }
    case 'cpu':
      return Math.min(100, Math.max(0, 40 + 4 * normal(rand)));
    case 'errors': {
      const block = Math.floor(t / 120_000);
      if (canary && scenario === 'error-burst' && block % 3 !== 2) return 5 + Math.floor(rand() * 11);
      return rand() < 0.05 ? 1 : 0;
    }
  }
}

/**
 * Creates the demo source.
 * @param name the name requests use (default `demo`)
 */
export function createDemoSource(name = 'demo'): MetricSource {
  return {
    name,
    type: 'demo',
    check(metric) {
      demoSeriesKind({ metric });
      demoScenario({ metric, scopes: { controlScope: '', experimentScope: '' } });
    },
    async fetch(req: FetchRequest): Promise<Series> {
      const scenario = demoScenario(req);
      const kind = demoSeriesKind(req);
      if (scenario === 'missing-data' && req.side === 'experiment') return { timestamps: [], values: [] };
      const timestamps = stepTimestamps(req.startMs, req.endMs, req.stepSeconds);
      return { timestamps, values: timestamps.map((t) => demoValue(scenario, req.side, kind, t)) };
    },
  };
}
