/**
 * The scaffolding of the judge service's tests against a real metric store (Debian's prometheus, victoria-metrics,
 * graphite-web, influxd): a past data window with seeded noisy points to write into the store, a rig that starts the
 * store and a judge service reading it around the test file, and a plain GET of the store's own API for the tests'
 * sanity checks of their fixtures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll } from 'vitest';
import type { DaemonServer } from './daemon';
import { startJudgeService, type JudgeService } from './judge-service';
import { noisyValues } from './noise';

const HOUR = 3600;

/** A one-hour data window, six whole hours in the past (inside every store's retention, away from its head). */
export interface DataWindow {
  /** First point, epoch seconds (a whole hour). */
  readonly start: number;
  /** Last point, epoch seconds (`start` + 3600). */
  readonly end: number;
  /** Seconds between points. */
  readonly step: number;
  /** The retrospective judgment timing over the window. */
  readonly timing: JudgmentRequest['timing'];
  /**
   * Seeded noisy points, one per step from `start` to `end` (`end` included unless `withEnd` is false), values from
   * {@link noisyValues}.
   */
  points(mean: number, sd: number, seed: number, options?: { withEnd?: boolean }): [number, number][];
}

/**
 * The one-hour window that started six whole hours before now.
 * @param stepSeconds the seconds between points
 */
export function pastHourWindow(stepSeconds: number): DataWindow {
  const start = Math.floor(Date.now() / 1000 / HOUR) * HOUR - 6 * HOUR;
  const end = start + HOUR;
  return {
    start,
    end,
    step: stepSeconds,
    timing: {
      startTimeIso: new Date(start * 1000).toISOString(),
      endTimeIso: new Date(end * 1000).toISOString(),
      stepSeconds,
    },
    points(mean, sd, seed, options = {}) {
      const next = noisyValues(seed, mean, sd);
      const points: [number, number][] = [];
      const last = options.withEnd === false ? end - stepSeconds : end;
      for (let t = start; t <= last; t += stepSeconds) points.push([t, next()]);
      return points;
    },
  };
}

/** Options of {@link useRealStore}. */
export interface RealStoreOptions<S extends DaemonServer> {
  /** Names the test's temporary work directory (`canary-judge-<name>-…`). */
  name: string;
  /** Starts the store, with its data, in the work directory. */
  start(workDir: string): Promise<S>;
  /** The judge service's `metricSources`, pointing at the running store. */
  sources(store: S): Record<string, Record<string, unknown>>;
  /** Scheduler settings over `{tickMs: 100}`. */
  scheduler?: Record<string, unknown>;
  /** Extra environment of the judge service (passwords read through `passwordEnv`). */
  env?: Record<string, string>;
  /** How long starting both may take, ms (default 120 000: a store's first start is slow on a busy machine). */
  timeoutMs?: number;
}

/** A real store and the judge service reading it, running for the tests of one file. */
export interface RealStoreRig<S extends DaemonServer> {
  /** The running store (throws before `beforeAll` has run). */
  store(): S;
  /** The running judge service (throws before `beforeAll` has run). */
  judge(): JudgeService;
  /** The running judge service's base URL (throws before `beforeAll` has run). */
  judgeUrl(): string;
}

/**
 * Registers the rig of a real-store test file: before its tests a temporary work directory, the store started in it
 * and a judge service (scheduler tick 100 ms) whose sources point at it; after them both stopped (a store the test
 * stopped already is fine) and the directory removed.
 * @param options the store and the service's settings
 */
export function useRealStore<S extends DaemonServer>(options: RealStoreOptions<S>): RealStoreRig<S> {
  let workDir: string | undefined;
  let store: S | undefined;
  let judge: JudgeService | undefined;
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), `canary-judge-${options.name}-`));
    store = await options.start(workDir);
    judge = await startJudgeService({
      ...(options.env ? { env: options.env } : {}),
      config: {
        scheduler: { tickMs: 100, ...options.scheduler },
        metricSources: options.sources(store),
      },
    });
  }, options.timeoutMs ?? 120_000);
  afterAll(async () => {
    await judge?.cleanup();
    await store?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`the ${options.name} rig starts in beforeAll`);
    return value;
  };
  return { store: () => running(store), judge: () => running(judge), judgeUrl: () => running(judge).baseUrl };
}

/**
 * GETs `path` with the query `params` from a store's own HTTP API (the tests' sanity checks of their fixtures).
 * @param baseUrl the store
 * @param path the API path, e.g. `/render`
 * @param params the query parameters
 * @param headers request headers (credentials)
 * @returns the HTTP status and the parsed JSON answer (`undefined` when the answer is not JSON)
 */
export async function getFromStore<T>(
  baseUrl: string,
  path: string,
  params: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: T | undefined }> {
  const url = new URL(path, baseUrl);
  url.search = new URLSearchParams(params).toString();
  const res = await fetch(url, { headers });
  const text = await res.text();
  try {
    return { status: res.status, json: JSON.parse(text) as T };
  } catch {
    return { status: res.status, json: undefined };
  }
}
