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
  const http = new Histogram({
    name: 'canary_judge_http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status code',
    labelNames: ['route', 'method', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const created = new Counter({
    name: 'canary_judge_judgments_created_total',
    help: 'Judgments created (replays not counted), by metric source',
    labelNames: ['source'],
    registers: [registry],
  });
  const finished = new Counter({
    name: 'canary_judge_judgments_finished_total',
    help: 'Judgments that ended, by Orca status and verdict (none for errors and cancels)',
    labelNames: ['status', 'verdict'],
    registers: [registry],
  });
  const intervals = new Histogram({
    name: 'canary_judge_interval_evaluation_seconds',
    help: 'Interval evaluations (fetch + judge + store), by outcome',
    labelNames: ['outcome'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30],
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'canary_judge_interval_start_lag_seconds',
    help: 'How long after an interval fell due it was claimed for evaluation (judgment-clock seconds)',
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [registry],
  });
  const sourceErrors = new Counter({
    name: 'canary_judge_metric_source_errors_total',
    help: 'Metric source failures by source and error code',
    labelNames: ['source', 'code'],
    registers: [registry],
  });
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
  const shed = new Counter({
    name: 'canary_judge_http_shed_total',
    help: 'Requests answered 429 instead of being worked on, by reason (error code)',
    labelNames: ['reason'],
    registers: [registry],
  });
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
