// Generates the two example RemoteJudge requests beside this file, deterministically (seeded PRNG), so that the
// README's main job and the tests judge the same data on every machine:
//   npx tsx shared/examples/generate-examples.mjs && npx prettier --write shared/examples
// (tsx, because the generator is the scoring library's own `mulberry32`).
// remote-judge-request.json: checkout service canary with a p99 latency regression and a CPU increase → Marginal.
// healthy-request.json: the same config, canary and baseline drawn from the same distributions → Pass.
import { writeFileSync } from 'node:fs';
import { mulberry32 } from '../src/random/mulberry32.ts';

/**
 * Standard normal draw (Box–Muller).
 * @param {() => number} next uniform source
 * @returns {number}
 */
function normal(next) {
  const u = 1 - next();
  const v = next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const POINTS = 60;

/**
 * One series of POINTS values rounded to `digits` decimals, with `gaps` points replaced by "NaN".
 * @param {() => number} next uniform source
 * @param {(next: () => number, i: number) => number} draw value generator
 * @param {number} digits decimals kept
 * @param {number} gaps number of missing points
 * @returns {(number | 'NaN')[]}
 */
function series(next, draw, digits, gaps) {
  /** @type {(number | 'NaN')[]} */
  const out = Array.from({ length: POINTS }, (_, i) => Number(Math.max(0, draw(next, i)).toFixed(digits)));
  for (let k = 0; k < gaps; k++) out[Math.floor(next() * POINTS)] = 'NaN';
  return out;
}

/**
 * One metric of the checkout config: a Prometheus query in one group, in Kayenta's default scope.
 * @param {string} name metric name
 * @param {string} group the group it scores in
 * @param {object} canary its `analysisConfigurations.canary` settings
 * @param {string} promql the query (`customInlineTemplate`)
 */
function metric(name, group, canary, promql) {
  return {
    name,
    query: { type: 'prometheus', customInlineTemplate: promql },
    groups: [group],
    analysisConfigurations: { canary },
    scopeName: 'default',
  };
}

/**
 * The checkout service's request-latency quantile query.
 * @param {number} q quantile, 0–1
 */
function latencyQuantile(q) {
  return `histogram_quantile(${q}, sum by (le) (rate(http_server_requests_seconds_bucket{job="checkout"}[1m])))`;
}

const canaryConfig = {
  name: 'checkout-service',
  description: 'Checkout service: latency, errors and saturation of the canary vs the baseline',
  configVersion: '1',
  applications: ['checkout'],
  judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
  metrics: [
    metric('http.server.latency.p50', 'latency', { direction: 'increase' }, latencyQuantile(0.5)),
    metric(
      'http.server.latency.p99',
      'latency',
      { direction: 'increase', effectSize: { allowedIncrease: 1.1 } },
      latencyQuantile(0.99),
    ),
    metric(
      'http.server.errors.5xx.rate',
      'errors',
      { direction: 'increase', critical: true, nanStrategy: 'replace', effectSize: { criticalIncrease: 2 } },
      'sum(rate(http_server_requests_seconds_count{job="checkout",status=~"5.."}[1m]))',
    ),
    metric(
      'http.server.errors.4xx.rate',
      'errors',
      { direction: 'increase', nanStrategy: 'replace' },
      'sum(rate(http_server_requests_seconds_count{job="checkout",status=~"4.."}[1m]))',
    ),
    metric(
      'process.cpu.usage',
      'saturation',
      { direction: 'increase', outliers: { strategy: 'remove', outlierFactor: 3.0 } },
      'avg(rate(process_cpu_seconds_total{job="checkout"}[1m]))',
    ),
    metric(
      'jvm.memory.heap.used',
      'saturation',
      { direction: 'either', mustHaveData: true },
      'sum(jvm_memory_used_bytes{job="checkout",area="heap"}) / 1048576',
    ),
  ],
  templates: {},
  classifier: {
    groupWeights: { latency: 40, errors: 40, saturation: 20 },
    scoreThresholds: { pass: 75, marginal: 50 },
  },
};

/**
 * A normal draw generator.
 * @param {number} mean
 * @param {number} sd standard deviation
 * @returns {(next: () => number) => number}
 */
function gauss(mean, sd) {
  return (next) => mean + sd * normal(next);
}

/**
 * Draw functions per metric: (canary?, regression?) → generator. Units: seconds, requests/s, CPU fraction, MiB.
 * @param {boolean} regressed whether the canary carries the regression
 */
function generators(regressed) {
  return {
    'http.server.latency.p50': { base: gauss(0.042, 0.004), canary: gauss(0.043, 0.004), digits: 4, gaps: 2 },
    'http.server.latency.p99': {
      base: gauss(0.31, 0.03),
      canary: regressed ? gauss(0.42, 0.04) : gauss(0.31, 0.03),
      digits: 4,
      gaps: 2,
    },
    'http.server.errors.5xx.rate': {
      base: (n) => (n() < 0.2 ? 0.01 + 0.02 * n() : 0),
      canary: (n) => (n() < 0.2 ? 0.01 + 0.02 * n() : 0),
      digits: 4,
      gaps: 6,
    },
    'http.server.errors.4xx.rate': { base: gauss(1.2, 0.2), canary: gauss(1.2, 0.2), digits: 3, gaps: 1 },
    'process.cpu.usage': {
      base: (n, i) => (i === 17 ? 0.95 : 0.35 + 0.03 * normal(n)),
      canary: regressed ? gauss(0.46, 0.04) : gauss(0.35, 0.03),
      digits: 4,
      gaps: 1,
    },
    'jvm.memory.heap.used': { base: gauss(512, 40), canary: gauss(518, 40), digits: 1, gaps: 0 },
  };
}

/**
 * Builds a RemoteJudge request body.
 * @param {number} seed PRNG seed
 * @param {boolean} regressed whether the canary carries the latency/CPU regression
 */
function request(seed, regressed) {
  const next = mulberry32(seed);
  const gens = generators(regressed);
  const metricSetPairList = canaryConfig.metrics.map((m) => {
    const g = gens[m.name];
    const control = series(next, g.base, g.digits, g.gaps);
    const experiment = series(next, g.canary, g.digits, g.gaps);
    return {
      name: m.name,
      id: `${m.name}-${seed}`,
      tags: { job: 'checkout', region: 'eu-west-1' },
      values: { control, experiment },
      scopes: {},
      attributes: {},
    };
  });
  return { canaryConfig, metricSetPairList, scoreThresholds: { pass: 75, marginal: 50 } };
}

const here = new URL('.', import.meta.url);
writeFileSync(new URL('remote-judge-request.json', here), `${JSON.stringify(request(20261127, true), null, 2)}\n`);
writeFileSync(new URL('healthy-request.json', here), `${JSON.stringify(request(20261128, false), null, 2)}\n`);
