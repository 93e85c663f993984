/**
 * Prometheus metrics about the store's upkeep: rows deleted by retention (by table) and the database size (read at
 * scrape time). Registered on the service's registry next to `metrics.ts`'s.
 * Reference: https://prometheus.io/docs/practices/naming/ (`_total` counters, `_bytes` units)
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { JudgmentStore, RetentionBatch } from '../store/port';

/** The hook retention reports its batches to. */
export interface StoreMetrics {
  /** Counts one retention batch's deleted rows. */
  retentionDeleted(batch: RetentionBatch): void;
}

/**
 * Registers `canary_judge_retention_deleted_rows_total{table}` and `canary_judge_database_size_bytes`.
 * @param registry the service's registry
 * @param store read at scrape time for the size (a failed read leaves the last value)
 */
export function registerStoreMetrics(registry: Registry, store: JudgmentStore): StoreMetrics {
  const deleted = new Counter({
    name: 'canary_judge_retention_deleted_rows_total',
    help: 'Rows deleted by retention (finished judgments past the configured age), by table',
    labelNames: ['table'],
    registers: [registry],
  });
  for (const table of ['judgments', 'intervals', 'judgment_attempts']) deleted.inc({ table }, 0);
  new Gauge({
    name: 'canary_judge_database_size_bytes',
    help: 'Size of the judgment database in bytes (SQLite pages, or pg_database_size)',
    registers: [registry],
    async collect() {
      try {
        this.set(await store.databaseSizeBytes());
      } catch {
        // store unavailable: keep the last value (the scrape itself must not fail)
      }
    },
  });
  return {
    retentionDeleted(batch) {
      deleted.inc({ table: 'judgments' }, batch.judgments);
      deleted.inc({ table: 'intervals' }, batch.intervals);
      deleted.inc({ table: 'judgment_attempts' }, batch.attempts);
    },
  };
}
