// Regenerates r-judge-reference.json: the two shared/examples requests plus four synthetic requests (seeded, built
// here) judged by r-judge.R, an independent base-R implementation of the judge. The tests (r-judge.test.ts) judge the
// same requests with judge() and compare; they never run R. Usage, from the repository root:
//   npx tsx shared/src/judge/testdata/r-judge.mjs && npx prettier --write shared/src/judge/testdata/r-judge-reference.json
// (tsx, because the synthetic data is drawn with the scoring library's own `mulberry32`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../random/mulberry32.ts';

const here = new URL('.', import.meta.url);

const next = mulberry32(7);
const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
/** @param {number} n @param {number} mu @param {number} sd @param {number} digits */
const gauss = (n, mu, sd, digits = 3) => Array.from({ length: n }, () => Number((mu + sd * normal()).toFixed(digits)));
/** @param {number} n @param {number} lambda */
const poisson = (n, lambda) =>
  Array.from({ length: n }, () => {
    let k = 0;
    for (let p = next(); p > Math.exp(-lambda); p *= next()) k++;
    return k;
  });
/** @param {(number|'NaN')[]} v @param {number} k */
const withGaps = (v, k) => {
  const out = [...v];
  for (let i = 0; i < k; i++) out[Math.floor(next() * out.length)] = 'NaN';
  return out;
};
const rep = (value, n) => Array.from({ length: n }, () => value);

/**
 * @param {string} name
 * @param {{name: string, groups: string[], canary?: object, control: unknown[], experiment: unknown[]}[]} metrics
 * @param {Record<string, number>} groupWeights
 */
function request(name, metrics, groupWeights) {
  return {
    name,
    body: {
      canaryConfig: {
        name,
        metrics: metrics.map((m) => ({
          name: m.name,
          groups: m.groups,
          analysisConfigurations: { canary: m.canary ?? {} },
        })),
        classifier: { groupWeights },
      },
      metricSetPairList: metrics.map((m) => ({
        name: m.name,
        values: { control: m.control, experiment: m.experiment },
      })),
      scoreThresholds: { pass: 75, marginal: 50 },
    },
  };
}

const synthetic = [
  request(
    'directions and effect sizes',
    [
      {
        name: 'up',
        groups: ['g1'],
        canary: { direction: 'increase' },
        control: gauss(60, 100, 10),
        experiment: gauss(60, 115, 10),
      },
      {
        name: 'down',
        groups: ['g1'],
        canary: { direction: 'decrease' },
        control: gauss(60, 100, 10),
        experiment: gauss(60, 80, 10),
      },
      {
        name: 'vetoed',
        groups: ['g1'],
        canary: { effectSize: { allowedIncrease: 1.3 } },
        control: gauss(60, 100, 10),
        experiment: gauss(60, 115, 10),
      },
      {
        name: 'wrong-way',
        groups: ['g2'],
        canary: { direction: 'increase' },
        control: gauss(60, 100, 10),
        experiment: gauss(60, 80, 10),
      },
      {
        name: 'cles',
        groups: ['g2'],
        canary: { effectSize: { measure: 'cles', allowedIncrease: 0.8 } },
        control: gauss(60, 50, 5),
        experiment: gauss(60, 53, 5),
      },
      {
        name: 'critical-below',
        groups: ['g2'],
        canary: { critical: true, effectSize: { criticalIncrease: 1.2 } },
        control: gauss(60, 100, 10),
        experiment: gauss(60, 112, 10),
      },
    ],
    { g1: 60 },
  ),
  request(
    'missing data and NaN',
    [
      {
        name: 'gappy',
        groups: ['a'],
        control: withGaps(gauss(60, 20, 2), 20),
        experiment: withGaps(gauss(60, 20.5, 2), 20),
      },
      {
        name: 'replace-all-nan',
        groups: ['a'],
        canary: { nanStrategy: 'replace' },
        control: gauss(30, 5, 1),
        experiment: rep('NaN', 30),
      },
      { name: 'empty-canary', groups: ['b'], control: gauss(30, 5, 1), experiment: [] },
      {
        name: 'must-have-data',
        groups: ['b'],
        canary: { mustHaveData: true },
        control: rep('NaN', 10),
        experiment: gauss(10, 5, 1),
      },
      { name: 'identical', groups: ['a', 'b'], control: [3, 1, 2, 2], experiment: [2, 2, 1, 3] },
      { name: 'single-value', groups: ['c'], control: rep(7, 4), experiment: rep(7, 9) },
      {
        name: 'muted-high',
        groups: ['c'],
        canary: { muted: true, critical: true },
        control: gauss(30, 5, 1),
        experiment: gauss(30, 9, 1),
      },
    ],
    { a: 50, b: 25, c: 25 },
  ),
  request(
    'ties, sparse data, outliers and scale',
    [
      { name: 'poisson', groups: ['t'], control: poisson(40, 3), experiment: poisson(40, 5) },
      { name: 'sparse-errors', groups: ['t'], control: rep(0, 6), experiment: [0, 1, 2, 1, 0, 0] },
      {
        name: 'spiky',
        groups: ['o'],
        canary: { outliers: { strategy: 'remove', outlierFactor: 1.5 } },
        control: [...gauss(50, 10, 1), 90, 95],
        experiment: [...gauss(50, 10.2, 1), 120],
      },
      { name: 'constant', groups: ['o'], control: rep(1, 12), experiment: rep(10, 12) },
      {
        name: 'tiny-rates',
        groups: ['s'],
        control: gauss(100, 1e-4, 2e-5, 8),
        experiment: gauss(100, 1.3e-4, 2e-5, 8),
      },
      { name: 'large-scale', groups: ['s'], control: gauss(80, 5e6, 2e5, 0), experiment: gauss(70, 5.1e6, 2e5, 0) },
      { name: 'negative', groups: ['s'], control: gauss(40, -3, 1), experiment: gauss(40, -2, 1) },
    ],
    {},
  ),
  request(
    'critical failure',
    [
      {
        name: 'critical-high',
        groups: ['x'],
        canary: { critical: true, direction: 'increase' },
        control: gauss(60, 1, 0.1),
        experiment: gauss(60, 1.5, 0.1),
      },
      { name: 'fine', groups: ['x'], control: gauss(60, 1, 0.1), experiment: gauss(60, 1, 0.1) },
    ],
    { x: 100 },
  ),
];

const examples = ['remote-judge-request', 'healthy-request'].map((name) => ({
  name: `shared/examples/${name}.json`,
  body: JSON.parse(readFileSync(new URL(`../../../examples/${name}.json`, here), 'utf8')),
}));

/** Settings with the `design/kayenta-judge.md` §2.3 defaults (only the plain fields the requests above use; no MapUtils corner cases). */
function settings(m) {
  const c = m.analysisConfigurations?.canary ?? {};
  const cles = c.effectSize?.measure === 'cles';
  const t = cles ? 0.5 : 1;
  return {
    direction: c.direction ?? 'either',
    nanStrategy: c.nanStrategy ?? 'remove',
    outlierStrategy: c.outliers?.strategy ?? 'keep',
    outlierFactor: c.outliers?.outlierFactor ?? 3,
    critical: c.critical ?? false,
    mustHaveData: c.mustHaveData ?? false,
    muted: c.muted ?? false,
    measure: cles ? 'cles' : 'meanRatio',
    allowedIncrease: c.effectSize?.allowedIncrease ?? t,
    allowedDecrease: c.effectSize?.allowedDecrease ?? t,
    criticalIncrease: c.effectSize?.criticalIncrease ?? t,
    criticalDecrease: c.effectSize?.criticalDecrease ?? t,
  };
}

const rNum = (v) => (v === 'NaN' ? 'NaN' : String(v));
const rVec = (v) => (v.length === 0 ? 'numeric(0)' : `c(${v.map(rNum).join(', ')})`);
const rStr = (s) => JSON.stringify(s);
const rVal = (v) => (typeof v === 'string' ? rStr(v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));

function rRequest({ name, body }) {
  const metrics = body.metricSetPairList.map((pair) => {
    const config = body.canaryConfig.metrics.find((m) => m.name === pair.name);
    const s = settings(config);
    const fields = Object.entries(s).map(([k, v]) => `${k} = ${rVal(v)}`);
    return `list(name = ${rStr(pair.name)}, groups = c(${config.groups.map(rStr).join(', ')}), control = ${rVec(pair.values.control)}, experiment = ${rVec(pair.values.experiment)}, ${fields.join(', ')})`;
  });
  const w = Object.entries(body.canaryConfig.classifier?.groupWeights ?? {});
  const weights = w.length === 0 ? 'list()' : `list(${w.map(([k, v]) => `${rStr(k)} = ${v}`).join(', ')})`;
  return `list(name = ${rStr(name)}, metrics = list(${metrics.join(',\n')}), weights = ${weights}, pass = ${body.scoreThresholds.pass}, marginal = ${body.scoreThresholds.marginal})`;
}

const all = [...examples, ...synthetic];
const dir = mkdtempSync(join(tmpdir(), 'r-judge-'));
const input = join(dir, 'requests.R');
writeFileSync(input, `requests <- list(${all.map(rRequest).join(',\n')})\n`);
const out = JSON.parse(execFileSync('Rscript', [new URL('r-judge.R', here).pathname, input], { encoding: 'utf8' }));
const reference = {
  generatedBy: 'npx tsx shared/src/judge/testdata/r-judge.mjs (runs r-judge.R)',
  rVersion: out.rVersion,
  statsOrder: ['count', 'mean', 'min', 'max', 'std'],
  synthetic,
  results: out.requests,
};
writeFileSync(new URL('r-judge-reference.json', here), `${JSON.stringify(reference, null, 2)}\n`);
console.log(`wrote r-judge-reference.json (${all.length} requests)`);
