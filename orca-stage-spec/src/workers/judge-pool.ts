/**
 * Where the judge service's CPU-heavy work runs: a bounded pool of worker threads (piscina) that parses, validates
 * and judges `POST /judge` bodies and judges fetched interval series, so the HTTP event loop keeps answering
 * `/healthz`, `/readyz` and status polls while a 40 MB body is judged. Admission of bodies is bounded: at most
 * `threads + maxQueue` bodies are accepted at a time (each slot is reserved before its body is read, so bodies
 * waiting in memory are bounded too); beyond that the HTTP layer answers 429 with `Retry-After`. Interval judge
 * calls are bounded by `scheduler.maxConcurrent` and always admitted. With `threads: 0` (or an injected test
 * judge) the same tasks run on the main thread, with the same answers.
 * References: https://github.com/piscinajs/piscina (pool, transfer lists), https://nodejs.org/api/worker_threads.html
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { CanaryJudgeResult, RemoteJudgeRequest } from '@canary-judge/shared';
import { ApiError } from '../lifecycle/errors';
import type { JudgeFn } from '../lifecycle/evaluate';
import { runJudgeTask, type JudgeTask, type JudgeTaskResult } from './judge-task';

/** Settings of the pool (config `workers`). */
export interface JudgePoolSettings {
  /** Worker threads (0 = run on the main thread). */
  threads: number;
  /** `POST /judge` bodies that may wait for a thread beyond the ones being judged. */
  maxQueue: number;
}

/** Counts for `/metrics` and the load-shedding decision. */
export interface JudgePoolStats {
  /** Worker threads (0 = main thread). */
  threads: number;
  /** Bodies admitted and not yet answered (being read, queued or judged). */
  bodies: number;
  /** Tasks waiting for a thread (bodies and interval judge calls). */
  queued: number;
  /** Tasks being worked on in a thread right now (0 on the main thread: nothing else runs meanwhile). */
  running: number;
}

/** The judge work runner the HTTP layer and the scheduler use. */
export interface JudgeRunner {
  /**
   * Reserves a slot for one `POST /judge` body before it is read.
   * @returns the function that frees the slot (call it once, when the answer is sent), or null when full (429)
   */
  reserveBody(): (() => void) | null;
  /**
   * Parses, validates and judges a body off the event loop.
   * @returns the serialised `CanaryJudgeResult`
   * @throws ApiError 400 for refusals (same codes and messages as the inline path), 500 when a worker fails
   */
  judgeBody(body: Buffer): Promise<string>;
  /** The judge for interval evaluations (resolves with the result; rejects with the judge's message). */
  judge(request: RemoteJudgeRequest): Promise<CanaryJudgeResult>;
  /** Current counts. */
  stats(): JudgePoolStats;
  /** Stops the worker threads (waits for running tasks). */
  close(): Promise<void>;
}

function unwrapBody(r: JudgeTaskResult): string {
  if (!r.ok) throw new ApiError(r.statusCode, r.code, r.message, r.field);
  if (!('json' in r)) throw new Error('judge task answered a result where a serialised body was expected');
  return r.json;
}

function unwrapResult(r: JudgeTaskResult): CanaryJudgeResult {
  if (!r.ok) throw Object.assign(new Error(r.message), { path: r.field });
  if (!('result' in r)) throw new Error('judge task answered a serialised body where a result was expected');
  return r.result;
}

function bodySlots(limit: number): { reserve(): (() => void) | null; count(): number } {
  let inUse = 0;
  return {
    reserve() {
      if (inUse >= limit) return null;
      inUse++;
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        inUse--;
      };
    },
    count: () => inUse,
  };
}

/**
 * The worker entry: compiled JavaScript beside this module in a build; from TypeScript sources (`--import tsx`,
 * Vitest) the `.mjs` bootstrap that registers tsx in the worker first.
 */
export function workerEntry(moduleUrl: string = import.meta.url): string {
  const fromSources = moduleUrl.endsWith('.ts');
  return fileURLToPath(new URL(fromSources ? './judge-worker.mjs' : './judge-worker.js', moduleUrl));
}

/**
 * Runs the tasks on the main thread (threads 0, or an injected judge that cannot be sent to a thread).
 * @param judge the scoring function
 * @param maxBodies bodies admitted at a time (then 429)
 */
export function inlineJudgeRunner(judge: JudgeFn, maxBodies: number): JudgeRunner {
  const slots = bodySlots(Math.max(1, maxBodies));
  return {
    reserveBody: () => slots.reserve(),
    judgeBody: async (body) => unwrapBody(runJudgeTask({ kind: 'body', body }, judge)),
    judge: async (request) => unwrapResult(runJudgeTask({ kind: 'request', request }, judge)),
    stats: () => ({ threads: 0, bodies: slots.count(), queued: 0, running: 0 }),
    close: async () => undefined,
  };
}

/**
 * Starts the worker threads (all at once, so the first large body does not pay for the threads' start-up).
 * @param settings threads (≥ 1) and body queue
 */
export function createJudgePool(settings: JudgePoolSettings): JudgeRunner {
  const threads = Math.max(1, settings.threads);
  const pool = new Piscina<JudgeTask, JudgeTaskResult>({
    filename: workerEntry(),
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  const slots = bodySlots(threads + Math.max(0, settings.maxQueue));
  let submitted = 0;
  const run = async (task: JudgeTask, transferList?: ArrayBuffer[]): Promise<JudgeTaskResult> => {
    submitted++;
    try {
      return await pool.run(task, transferList ? { transferList } : {});
    } finally {
      submitted--;
    }
  };
  return {
    reserveBody: () => slots.reserve(),
    async judgeBody(body) {
      // Hand the bytes over without a copy when the buffer owns its memory (a large body does); a slice of Node's
      // shared small-buffer pool is copied instead (transferring it would detach other buffers).
      const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
      const bytes = whole ? new Uint8Array(body.buffer, 0, body.byteLength) : new Uint8Array(body);
      return unwrapBody(await run({ kind: 'body', body: bytes }, [bytes.buffer as ArrayBuffer]));
    },
    judge: async (request) => unwrapResult(await run({ kind: 'request', request })),
    stats: () => ({
      threads,
      bodies: slots.count(),
      queued: pool.queueSize,
      running: Math.max(0, submitted - pool.queueSize),
    }),
    close: () => pool.destroy(),
  };
}
