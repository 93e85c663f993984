/**
 * Retention: finished judgments (SUCCEEDED, TERMINAL, CANCELED) completed more than `maxAgeMs` ago are deleted with
 * their intervals and archived attempts, in small batches (short write transactions, a pause between batches so
 * polls are never held up), on a timer. RUNNING judgments are never deleted, whatever their age. With several
 * replicas only one deletes at a time (the store's lock; the others skip the round). Ages are measured on the
 * judgment clock (`completedMs` is a judgment-clock time), which tests inject.
 *
 * Keep `maxAgeMs` above the longest stage timeout + 24 h, so Orca never polls a judgment that was deleted
 * (orca-stage-spec/docs/operator-guide.md, "Retention").
 */
import type { JudgmentStore, RetentionBatch } from '../store/port';
import type { Clock } from './clock';

/** Settings of {@link Retention}. */
export interface RetentionOptions {
  store: JudgmentStore;
  clock: Clock;
  /** Finished judgments older than this (judgment-clock ms since completion) are deleted. 0 or less: never. */
  maxAgeMs: number;
  /** Judgments per batch (default 100). */
  batchSize?: number;
  /** Most batches per round (default 50): a huge backlog is worked off over several rounds. */
  maxBatchesPerRound?: number;
  /** Wall-clock pause between batches of a round, ms (default 200). */
  pauseRealMs?: number;
  /** Wall-clock time between rounds, ms (default 1 h). */
  intervalRealMs?: number;
  /** Told about every batch that deleted something (for `/metrics`). */
  onDeleted?: (batch: RetentionBatch) => void;
  log?: { info(o: object, m: string): void; warn(o: object, m: string): void };
}

/** What one round did. */
export interface RetentionRound extends RetentionBatch {
  batches: number;
  /** True when another replica held the retention lock (nothing was deleted by this one). */
  skipped: boolean;
  /** The cutoff used (judgment-clock epoch ms). */
  cutoffMs: number;
}

/** Default {@link RetentionOptions.maxAgeMs}: 90 days. */
export const DEFAULT_RETENTION_MS = 90 * 24 * 3_600_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The retention timer (see the module comment): `runOnce()` for one round, `start()`/`stop()` for the loop. */
export class Retention {
  private timer: NodeJS.Timeout | null = null;
  private round: Promise<RetentionRound> | null = null;
  private stopped = false;

  /** @param opts store, clock, age and batch settings */
  constructor(private readonly opts: RetentionOptions) {}

  /**
   * One round: batches of at most `batchSize` until a batch deletes fewer than that, `maxBatchesPerRound` is
   * reached, or the retention was stopped.
   */
  async runOnce(): Promise<RetentionRound> {
    const { store, clock } = this.opts;
    const batchSize = Math.max(1, this.opts.batchSize ?? 100);
    const maxBatches = Math.max(1, this.opts.maxBatchesPerRound ?? 50);
    const cutoffMs = clock.now() - this.opts.maxAgeMs;
    const out: RetentionRound = { judgments: 0, intervals: 0, attempts: 0, batches: 0, skipped: false, cutoffMs };
    if (this.opts.maxAgeMs <= 0) return out;
    for (let i = 0; i < maxBatches && !this.stopped; i++) {
      if (i > 0) await sleep(this.opts.pauseRealMs ?? 200);
      const batch = await store.deleteFinishedBefore(cutoffMs, batchSize);
      if (batch === null) {
        out.skipped = true;
        break;
      }
      out.batches++;
      out.judgments += batch.judgments;
      out.intervals += batch.intervals;
      out.attempts += batch.attempts;
      if (batch.judgments > 0) this.opts.onDeleted?.(batch);
      if (batch.judgments < batchSize) break;
    }
    if (out.judgments > 0) {
      this.opts.log?.info(
        { ...out, cutoff: new Date(cutoffMs).toISOString() },
        'retention: deleted finished judgments older than the cutoff',
      );
    }
    return out;
  }

  /** Runs a first round soon after start, then one every `intervalRealMs`. Errors are logged, never thrown. */
  start(): void {
    if (this.opts.maxAgeMs <= 0 || this.timer) return;
    this.stopped = false;
    const tick = (delay: number) => {
      this.timer = setTimeout(() => {
        this.round = this.runOnce();
        this.round
          .catch((e: unknown) => this.opts.log?.warn({ err: (e as Error).message }, 'retention round failed'))
          .finally(() => {
            this.round = null;
            if (!this.stopped) tick(this.opts.intervalRealMs ?? 3_600_000);
          });
      }, delay);
      this.timer.unref();
    };
    tick(Math.min(60_000, this.opts.intervalRealMs ?? 3_600_000));
  }

  /** Stops the timer and waits for a round in progress (it ends after its current batch). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.round?.catch(() => undefined);
  }
}
