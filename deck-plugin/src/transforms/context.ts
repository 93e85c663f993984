/**
 * Reads what Orca stored in a `canaryJudge` stage's context (`docs/design/orca-webhook-contract.md` §6.6): the latest
 * judgment (`webhook.monitor.body`, else `webhook.body`; a text body is parsed as JSON), the errors
 * (`webhook.monitor.error`, `webhook.error`, `exception.details`, and the judgment's own `error`), the judgment key and
 * the report URL.
 */
import type { Judgment } from '@canary-judge/shared';
import type { DisplayStatus } from './status';

/** What the results view needs from the stage. */
export interface StageSummary {
  judgment: Partial<Judgment> | null;
  errors: string[];
  stageStatus: string;
  judgmentKey: string | null;
  /** Judge base URL as Orca resolved it from the stage's `url` (no trailing slash), or null. */
  judgeBaseUrl: string | null;
  /**
   * False when the judge refused the create call (a 4xx/5xx `webhook.statusCodeValue` and no poll since): the
   * judgment was never stored, so there is no report to fetch.
   */
  accepted: boolean;
}

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function parseBody(v: unknown): Partial<Judgment> | null {
  if (typeof v === 'string') {
    try {
      return rec(JSON.parse(v)) as Partial<Judgment> | null;
    } catch {
      return null;
    }
  }
  return rec(v) as Partial<Judgment> | null;
}

function errorText(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v;
  const r = rec(v);
  if (!r) return null;
  if (typeof r['message'] === 'string') return r['message'];
  return JSON.stringify(r);
}

/** Orca's `exception.details`: `{error, errors: []}` → one message per entry. */
function exceptionMessages(v: unknown): string[] {
  const details = rec(rec(v)?.['details']);
  if (!details) return [];
  const out: string[] = [];
  if (Array.isArray(details['errors'])) {
    for (const e of details['errors']) {
      const t = errorText(e);
      if (t) out.push(t);
    }
  }
  if (out.length === 0) {
    const t = errorText(details['error']);
    if (t) out.push(t);
  }
  return out;
}

/** Splits `<base>/v1/judgments/<key>` into base and key; nulls when the URL has another shape or unresolved SpEL. */
export function parseJudgmentUrl(url: unknown): { base: string | null; key: string | null } {
  if (typeof url !== 'string') return { base: null, key: null };
  const m = /^(.*)\/v1\/judgments\/([A-Za-z0-9._-]{1,200})\/?$/.exec(url);
  return m ? { base: m[1] ?? null, key: m[2] ?? null } : { base: null, key: null };
}

/** Reads a stage (its `status` and `context`) into a {@link StageSummary}. Never throws. */
export function readStageContext(stage: { status?: unknown; context?: unknown }): StageSummary {
  const ctx = rec(stage.context) ?? {};
  const webhook = rec(ctx['webhook']) ?? {};
  const monitor = rec(webhook['monitor']) ?? {};
  const judgment = parseBody(monitor['body']) ?? parseBody(webhook['body']);
  const errors: string[] = [];
  for (const e of [monitor['error'], webhook['error']]) {
    const t = errorText(e);
    if (t && !errors.includes(t)) errors.push(t);
  }
  for (const t of exceptionMessages(ctx['exception'])) if (!errors.includes(t)) errors.push(t);
  const jErr = rec(judgment?.error);
  if (jErr && typeof jErr['message'] === 'string') {
    const t = typeof jErr['code'] === 'string' ? `${jErr['code']}: ${jErr['message']}` : jErr['message'];
    if (!errors.includes(t)) errors.push(t);
  }
  const fromUrl = parseJudgmentUrl(ctx['url']);
  const createCode = webhook['statusCodeValue'];
  const accepted =
    Object.keys(monitor).length > 0 || typeof createCode !== 'number' || (createCode >= 200 && createCode < 300);
  const key = typeof judgment?.judgmentKey === 'string' ? judgment.judgmentKey : fromUrl.key;
  return {
    judgment,
    errors,
    stageStatus: typeof stage.status === 'string' ? stage.status : 'NOT_STARTED',
    judgmentKey: key,
    judgeBaseUrl: fromUrl.base,
    accepted,
  };
}

/**
 * The one status to show: the verdict when there is one; CANCELED for a cancelled judgment or stage; ERROR when
 * the judge or Orca reported an error or the stage ended TERMINAL without a verdict; RUNNING while either runs.
 */
export function displayStatus(s: StageSummary): DisplayStatus {
  const j = s.judgment;
  if (j?.verdict === 'PASS' || j?.verdict === 'MARGINAL' || j?.verdict === 'FAIL') return j.verdict;
  if (j?.status === 'CANCELED' || s.stageStatus === 'CANCELED') return 'CANCELED';
  if (s.errors.length > 0 || j?.status === 'TERMINAL' || s.stageStatus === 'TERMINAL') return 'ERROR';
  if (j?.status === 'RUNNING' || s.stageStatus === 'RUNNING') return 'RUNNING';
  return 'NOT_STARTED';
}

/**
 * Where the browser fetches the report: `<reportBaseUrl>/v1/judgments/<key>/report` when the operator configured a
 * browser-reachable base (e.g. a Gate proxy), else the judge base from the stage URL. Null without a key or when
 * the judge refused the judgment.
 */
export function reportUrlFor(s: StageSummary, reportBaseUrl: string | undefined): string | null {
  if (!s.judgmentKey || !s.accepted) return null;
  const base = (reportBaseUrl && reportBaseUrl.trim()) || s.judgeBaseUrl;
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}/v1/judgments/${encodeURIComponent(s.judgmentKey)}/report`;
}
