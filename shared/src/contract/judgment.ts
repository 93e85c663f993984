/**
 * The Canary Judge stage contract (`/v1/judgments`): what the Deck plugin's stage sends through Orca's webhook stage,
 * and the small judgment resource every PUT/GET answers with. Orca reads `$.status` and `$.message` from it.
 *
 * The JSON Schemas for these shapes (in `orca-stage-spec/`) are the single source of truth for the HTTP API; a test
 * there fails if these types and the schemas drift apart.
 * Reference: `docs/design/orca-webhook-contract.md` §6.
 */
import type { CanaryConfig, ScoreThresholds } from './kayenta';

/** API version carried by every request and response of this contract. */
export const API_VERSION = 'canary-judge/v1' as const;

/** One scope pair (baseline = control, canary = experiment), with optional locations (region, cluster…). */
export interface JudgmentScopes {
  controlScope: string;
  experimentScope: string;
  controlLocation?: string;
  experimentLocation?: string;
  /** Extra placeholder values for query templates (`${name}`), like Kayenta's `extendedScopeParams`. */
  extendedScopeParams?: Record<string, string>;
}

/**
 * Timing of a live judgment (minutes), Orca's `RunCanaryIntervalsStage` semantics, or a retrospective window.
 * Exactly one of `lifetimeMinutes` (live) or `startTimeIso`+`endTimeIso` (retrospective, judged at once).
 */
export interface JudgmentTiming {
  lifetimeMinutes?: number;
  /** Length of one interval; default and 0 mean the whole lifetime (one judgement). */
  intervalMinutes?: number;
  /** Wait before the first interval starts (Orca's `beginCanaryAnalysisAfterMins`). */
  warmupMinutes?: number;
  /** Sliding window length; 0/absent = growing window from the start. */
  lookbackMinutes?: number;
  /** The baseline window is shifted back by this much (Orca's `baselineAnalysisOffsetInMins`). */
  baselineOffsetMinutes?: number;
  /** Query resolution, seconds (default 60). */
  stepSeconds?: number;
  startTimeIso?: string;
  endTimeIso?: string;
}

/** A reference to a shared canary config: its name and a version number (1, 2, …) or `"latest"`. */
export interface CanaryConfigRef {
  name: string;
  version: number | 'latest';
}

/** The body of `PUT /v1/judgments/{judgmentKey}`. */
export interface JudgmentRequest {
  apiVersion: typeof API_VERSION;
  /** Informational only (logs, audit), never used for authorization. */
  spinnaker?: {
    application?: string;
    pipelineName?: string;
    executionId?: string;
    stageId?: string;
    user?: string;
  };
  /** Name of a metric source the operator configured on the service (e.g. `demo`, `prometheus`). */
  metricSource: string;
  /**
   * Inline canary config; each metric's `query` holds the source-specific query (PromQL template, demo series name).
   * A request may send {@link canaryConfigRef} instead: the service then fills this with the shared config's
   * version before the judgment is stored, so a stored request always has it.
   */
  canaryConfig: CanaryConfig;
  /**
   * A shared canary config (`/v1/canary-configs`) instead of the inline one: a version number or `"latest"`
   * (resolved when the judgment is created; the stored request carries the version number used).
   */
  canaryConfigRef?: CanaryConfigRef;
  /** The scope pair of every metric whose `scopeName` is absent or `"default"`. */
  scopes: JudgmentScopes;
  /**
   * More scope pairs by name (e.g. one per region), for metrics whose `scopeName` names one — Kayenta's
   * `CanaryExecutionRequest.scopes` map, with `scopes` above as its `"default"` entry. A metric naming a scope that
   * is neither `"default"` nor listed here is refused (400 at creation). The key `"default"` is not allowed here.
   */
  namedScopes?: Record<string, JudgmentScopes>;
  timing: JudgmentTiming;
  thresholds: ScoreThresholds;
}

/** Orca's status words, exactly as its webhook stage maps them. */
export type JudgmentStatus = 'RUNNING' | 'SUCCEEDED' | 'TERMINAL' | 'CANCELED';

/** Informational phase, for the UI. */
export type JudgmentPhase = 'QUEUED' | 'WAITING_FOR_DATA' | 'JUDGING' | 'DONE';

/** The verdict once judged; null while running, on error or cancel. */
export type Verdict = 'PASS' | 'MARGINAL' | 'FAIL';

/**
 * An earlier attempt of a judgment key: "Restart stage" in Orca PUTs the same key and body again once the stage's
 * earlier run ended, and the service runs a fresh judgment under that key, keeping the earlier attempts.
 */
export interface JudgmentAttemptSummary {
  /** 1 for the first run of the key. */
  attempt: number;
  status: JudgmentStatus;
  verdict: Verdict | null;
  score: number | null;
  error: { code: string; message: string } | null;
  createdAt: string;
  completedAt: string | null;
}

/** The judgment resource (every PUT and GET answer). Small: detail lives behind `reportUrl`. */
export interface Judgment {
  apiVersion: typeof API_VERSION;
  judgmentKey: string;
  status: JudgmentStatus;
  /** Always non-null; starts with the verdict and ends with the report URL once finished. */
  message: string;
  phase: JudgmentPhase;
  verdict: Verdict | null;
  /** Final (last interval's) score, 0–100, or null. */
  score: number | null;
  /** Every finished interval's score, in order. */
  intervalScores: number[];
  /** Number of intervals planned for this judgment. */
  intervalsPlanned: number;
  thresholds: ScoreThresholds;
  warnings: string[];
  error: { code: string; message: string } | null;
  statusUrl: string;
  reportUrl: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Which attempt this is (present from the second attempt on: after a "Restart stage"). */
  attempt?: number;
  /** The key's earlier attempts, oldest first (present with `attempt`). */
  earlierAttempts?: JudgmentAttemptSummary[];
}
