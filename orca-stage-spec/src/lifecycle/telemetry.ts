/**
 * Lifecycle events for observability (`/metrics`), decoupled from any metrics library. Every method is optional
 * to call and must not throw.
 */
import type { JudgmentStatus, Verdict } from '@canary-judge/shared';

/** Receives lifecycle events; see {@link noTelemetry} for the do-nothing implementation. */
export interface Telemetry {
  /** A judgment was created (not a replay). */
  judgmentCreated(source: string): void;
  /** A judgment ended (`verdict` null for errors and cancels). */
  judgmentFinished(status: JudgmentStatus, verdict: Verdict | null): void;
  /** An interval was claimed `lagSeconds` (judgment time) after it fell due. */
  intervalClaimed(lagSeconds: number): void;
  /** An interval evaluation ended: `done`, `retry` (transient error), `failed` or `discarded` (claim lost). */
  intervalEvaluated(outcome: 'done' | 'retry' | 'failed' | 'discarded', seconds: number): void;
  /** A metric source failed with a code. */
  sourceError(source: string, code: string): void;
}

/** A {@link Telemetry} that ignores every event. */
export const noTelemetry: Telemetry = {
  judgmentCreated: () => undefined,
  judgmentFinished: () => undefined,
  intervalClaimed: () => undefined,
  intervalEvaluated: () => undefined,
  sourceError: () => undefined,
};
