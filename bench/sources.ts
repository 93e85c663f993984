/**
 * Metric-source benchmark (`npm run bench -- sources`): for each source type with a stand-in store
 * (`test/support/stand-ins/`), the time to fetch and judge one interval of 50 metrics × 2 scopes × 6 hours at a 60 s
 * step (361 points per series, 100 fetches), against the time of the same HTTP round-trips alone (the exact requests
 * the source sent, replayed with Node's `fetch` at the same concurrency and read to the last byte). The ratio is the
 * source's own overhead: building queries, parsing answers, pairing series and the judge itself. Median of 5 runs after
 * one warm-up; the stand-in's answers are the same in both, so its cost sits in both.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { judge, type JudgmentRequest } from '@canary-judge/shared';
import {
  evaluateInterval,
  mapLimit,
  DEFAULT_SOURCE_CONCURRENCY,
  resolveSourceSettings,
  SOURCE_KINDS,
  type PlannedInterval,
} from '@canary-judge/orca-stage-spec/testing';
import { latencyData } from '../test/support/stand-ins/data';
import type { StandIn } from '../test/support/stand-ins/types';
import { startStubServer, type StubRequest } from '../test/support/stub-server';
import { median } from './seeded';

const METRICS = 50;
const HOURS = 6;
const STEP_SECONDS = 60;
const RUNS = 5;

/** Every stand-in module's `StandIn` export, by type. */
async function standIns(): Promise<StandIn[]> {
  const dir = fileURLToPath(new URL('../test/support/stand-ins/', import.meta.url));
  const found: StandIn[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.ts') || file === 'types.ts' || file === 'data.ts') continue;
    const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      const s = v as Partial<StandIn> | null;
      if (s && typeof s === 'object' && typeof s.type === 'string' && typeof s.respond === 'function') {
        found.push(s as StandIn);
      }
    }
  }
  return found;
}

function request(standIn: StandIn, sourceName: string): JudgmentRequest {
  const metrics = Array.from({ length: METRICS }, (_, i) => ({
    name: `metric-${i}`,
    groups: [`group-${i % 5}`],
    query: standIn.query(`metric_${i}`),
    analysisConfigurations: { canary: { direction: 'increase' as const } },
  }));
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: sourceName,
    canaryConfig: { name: 'bench', metrics, classifier: { groupWeights: {} } },
    scopes: standIn.scopes ?? { controlScope: 'bench-baseline', experimentScope: 'bench-canary' },
    timing: { lifetimeMinutes: HOURS * 60, stepSeconds: STEP_SECONDS },
    thresholds: { pass: 75, marginal: 50 },
  } as JudgmentRequest;
}

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Runs the benchmark and prints one row per source type. */
export async function benchSources(): Promise<void> {
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;
  const interval: PlannedInterval = {
    index: 1,
    dueMs: end,
    controlStartMs: end - HOURS * 3_600_000,
    controlEndMs: end,
    experimentStartMs: end - HOURS * 3_600_000,
    experimentEndMs: end,
  };
  console.log(
    `${METRICS} metrics × 2 scopes × ${HOURS} h at ${STEP_SECONDS} s (${HOURS * 60 + 1} points a series, ` +
      `${METRICS * 2} fetches); median of ${RUNS}; floor = the same HTTP round-trips alone`,
  );
  console.log('| source | fetch + judge | HTTP round-trips | ratio | answer bytes |');
  console.log('|---|---:|---:|---:|---:|');
  for (const standIn of await standIns()) {
    const kind = SOURCE_KINDS.get(standIn.type);
    if (!kind) {
      console.log(`| ${standIn.type} | (no source of this type on this branch) | | | |`);
      continue;
    }
    const data = latencyData(false);
    const stub = await startStubServer((req) => standIn.respond(req, data));
    try {
      const settings = resolveSourceSettings('bench', standIn.settings(stub.baseUrl) as { type: string }, {}, () => '');
      const source = kind.create('bench', settings);
      const req = request(standIn, 'bench');
      const evaluate = () => evaluateInterval(req, interval, source, judge, STEP_SECONDS);
      await evaluate(); // warm-up; also records the requests to replay
      const sent: StubRequest[] = stub.requests.slice(-METRICS * 2);
      let bytes = 0;
      const replay = () =>
        mapLimit(sent, DEFAULT_SOURCE_CONCURRENCY, async (r) => {
          const headers = Object.fromEntries(
            Object.entries(r.headers).filter(
              (e): e is [string, string] =>
                typeof e[1] === 'string' && !['host', 'content-length', 'connection'].includes(e[0]),
            ),
          );
          const res = await fetch(`${stub.baseUrl}${r.url}`, {
            method: r.method,
            headers,
            ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { body: r.body }),
          });
          bytes += (await res.arrayBuffer()).byteLength;
        });
      await replay();
      const full: number[] = [];
      const floor: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        full.push(await timeMs(evaluate));
        bytes = 0;
        floor.push(await timeMs(replay));
      }
      const a = median(full);
      const b = median(floor);
      console.log(
        `| ${standIn.type} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(a / b).toFixed(2)} | ${(bytes / 1024).toFixed(0)} KiB |`,
      );
    } finally {
      await stub.close();
    }
  }
}
