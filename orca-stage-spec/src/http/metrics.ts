/**
 * Prometheus metrics of the service (prom-client): HTTP request durations, judgments created and finished,
 * interval evaluations, metric-source errors, and judgments per status (read from the store at scrape time).
 * Reference: https://prometheus.io/docs/instrumenting/exposition_formats/
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JudgmentStore } from '../store/port';
import type { Telemetry } from '../lifecycle/telemetry';
import type { JudgePoolStats } from '../workers/judge-pool';

/** Live readings shown as gauges at scrape time (all optional). */
export interface LoadReadings {
  /** The judge worker pool's counts. */
  judgePool?: () => JudgePoolStats;
  /** Due intervals waiting for evaluation (last reading). */
  evaluationBacklog?: () => number;
}

/** The service's metrics registry plus the hooks that feed it. */
export interface ServiceMetrics {
  registry: Registry;
  telemetry: Telemetry;
  /** Records one HTTP request (route template, method, status code, seconds). */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
  /** Counts one request answered 429 (load shed), by reason (the error code). */
  shed(reason: string): void;
}

/**
 * Creates a fresh registry (one per app instance, so tests do not share counters).
 * @param store read at scrape time for `canary_judge_judgments{status}`
 * @param load read at scrape time for `canary_judge_judge_pool_tasks{state}` and
 *   `canary_judge_evaluation_backlog_intervals`
 */
export function createServiceMetrics(store: JudgmentStore, load: LoadReadings = {}): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'canary_judge_' });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
  const http = histogram(
    'canary_judge_http_request_duration_seconds',
    'HTTP request duration by route, method and status code',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ['route', 'method', 'status'],
  );
  const created = counter(
    'canary_judge_judgments_created_total',
    'Judgments created (replays not counted), by metric source',
    ['source'],
  );
  const finished = counter(
    'canary_judge_judgments_finished_total',
    'Judgments that ended, by Orca status and verdict (none for errors and cancels)',
    ['status', 'verdict'],
  );
  const intervals = histogram(
    'canary_judge_interval_evaluation_seconds',
    'Interval evaluations (fetch + judge + store), by outcome',
    [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    ['outcome'],
  );
  const lag = histogram(
    'canary_judge_interval_start_lag_seconds',
    'How long after an interval fell due it was claimed for evaluation (judgment-clock seconds)',
    [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
  );
  const sourceErrors = counter(
    'canary_judge_metric_source_errors_total',
    'Metric source failures by source and error code',
    ['source', 'code'],
  );
  new Gauge({
    name: 'canary_judge_judgments',
    help: 'Stored judgments by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await store.countByStatus();
      for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
    },
  });
  const shed = counter(
    'canary_judge_http_shed_total',
    'Requests answered 429 instead of being worked on, by reason (error code)',
    ['reason'],
  );
  if (load.judgePool) {
    const stats = load.judgePool;
    new Gauge({
      name: 'canary_judge_judge_pool_tasks',
      help: 'Judge worker pool: POST /judge bodies admitted, tasks queued for a thread, tasks running in a thread',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        const s = stats();
        this.set({ state: 'bodies' }, s.bodies);
        this.set({ state: 'queued' }, s.queued);
        this.set({ state: 'running' }, s.running);
      },
    });
  }
  if (load.evaluationBacklog) {
    const backlog = load.evaluationBacklog;
    new Gauge({
      name: 'canary_judge_evaluation_backlog_intervals',
      help: 'Due intervals waiting for evaluation (last reading, about once a second)',
      registers: [registry],
      collect() {
        this.set(backlog());
      },
    });
  }
  return {
    registry,
    shed: (reason) => shed.inc({ reason }),
    telemetry: {
      judgmentCreated: (source) => created.inc({ source }),
      judgmentFinished: (status, verdict) => finished.inc({ status, verdict: verdict ?? 'none' }),
      intervalClaimed: (lagSeconds) => lag.observe(Math.max(0, lagSeconds)),
      intervalEvaluated: (outcome, seconds) => intervals.observe({ outcome }, seconds),
      sourceError: (source, code) => sourceErrors.inc({ source, code }),
    },
    observeRequest: (route, method, status, seconds) =>
      http.observe({ route, method, status: String(status) }, seconds),
  };
}
