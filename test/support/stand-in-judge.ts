/**
 * End-to-end harness for one stand-in metric store: a stub server on loopback answering like the store (a
 * {@link StandIn}), and the real judge service process configured with one source pointing at it. Plus seeded
 * data (normal noise around a mean chosen by scope) so healthy and regressed canaries judge the same every run.
 */
import { startJudgeService, type JudgeService } from './judge-service';
import { startStubServer, type StubServer } from './stub-server';
import type { StandIn, StandInData } from './stand-ins/types';

/** A running stand-in store and the judge service reading it. */
export interface StandInJudge {
  readonly judge: JudgeService;
  readonly store: StubServer;
  /** Stops the service and the store. */
  close(): Promise<void>;
}

/**
 * Starts the stand-in store and the judge service with `metricSources.<sourceName>` = the stand-in's settings.
 * @param standIn the store to stand in for
 * @param sourceName the source name requests use (`metricSource`)
 * @param data the points served per scope and window
 */
export async function startStandInJudge(
  standIn: StandIn,
  sourceName: string,
  data: StandInData,
): Promise<StandInJudge> {
  const store = await startStubServer((req) => standIn.respond(req, data));
  let judge: JudgeService;
  try {
    judge = await startJudgeService({
      clockSpeed: 60,
      config: {
        scheduler: { tickMs: 100, retryDelaySeconds: 20, deadlineGraceMinutes: 1 },
        metricSources: { [sourceName]: standIn.settings(store.baseUrl) },
      },
    });
  } catch (e) {
    await store.close();
    throw e;
  }
  return {
    judge,
    store,
    async close() {
      await judge.cleanup();
      await store.close();
    },
  };
}

/** A string's FNV-1a hash, for seeding per-scope noise. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Deterministic standard normal draws (mulberry32 + Box–Muller). */
function normal(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(Math.max(uniform(), 1e-12))) * Math.cos(2 * Math.PI * uniform());
}

/**
 * Seeded data: at every step from `startMs` (aligned up to the step) to `endMs`, `mean(scope) + sd · noise`,
 * rounded to 3 decimals; the noise depends only on the scope and the timestamp's index, so a refetch is identical.
 * @param mean the mean for a scope (e.g. higher for a regressed canary)
 * @param sd the standard deviation
 */
export function seededData(mean: (scope: string) => number, sd: number): StandInData {
  return (scope, startMs, endMs, stepSeconds) => {
    const stepMs = stepSeconds * 1000;
    const draw = normal(hash(scope) ^ Math.floor(startMs / stepMs));
    const timestamps: number[] = [];
    const values: number[] = [];
    for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) {
      timestamps.push(t);
      values.push(Math.round((mean(scope) + sd * draw()) * 1000) / 1000);
    }
    return { timestamps, values };
  };
}

/** One PUT of a judgment request: the status and parsed body (for the 400 checks). */
export async function putJudgment(
  baseUrl: string,
  key: string,
  request: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/v1/judgments/${encodeURIComponent(key)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
