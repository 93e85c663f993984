/**
 * Small pure helpers behind the config panel: keeping group weights in step with the metrics' groups, mapping
 * validation issues to fields, the weight sum, the interval plan summary and the threshold band widths.
 */
import type { FormState } from './stageJson';
import { parseNumberText } from './stageJson';
import type { ValidationIssue } from './validation';

/**
 * Keeps one weight row per distinct metric group, in first-use order: existing weights are kept, new groups get
 * '' (or '100' when they are the only group), rows for groups no metric uses any more are dropped.
 */
export function syncGroupWeights(form: FormState): FormState {
  const groups: string[] = [];
  for (const m of form.metrics) {
    const g = m.group.trim();
    if (g !== '' && !groups.includes(g)) groups.push(g);
  }
  const old = new Map(form.groupWeights.map((w) => [w.group, w.weight]));
  const groupWeights = groups.map((group) => ({
    group,
    weight: old.get(group) ?? (groups.length === 1 ? '100' : ''),
  }));
  return { ...form, groupWeights };
}

/** Sum of the weights that parse as numbers (for the "sum: 90 of 100" hint). */
export function weightSum(form: FormState): number {
  return form.groupWeights.reduce((s, w) => {
    const v = parseNumberText(w.weight);
    return typeof v === 'number' ? s + v : s;
  }, 0);
}

/** Issues grouped by JSON path, for showing each message beside its field. */
export function issuesByPath(issues: readonly ValidationIssue[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const i of issues) out.set(i.path, [...(out.get(i.path) ?? []), i.message]);
  return out;
}

/**
 * One sentence describing the interval plan of a live analysis (Orca's rule, `docs/design/kayenta-judge.md` §11.1:
 * `floor(lifetime / interval)` judgements; interval 0, empty or above lifetime means one judgement over the
 * lifetime), e.g. "3 judgements of 10 min each after 5 min warm-up (growing window)". Null when lifetime is unset.
 */
export function intervalPlanText(form: FormState): string | null {
  if (form.analysisType === 'retrospective') {
    const s = Date.parse(form.startTimeIso);
    const e = Date.parse(form.endTimeIso);
    if (!Number.isFinite(s) || !Number.isFinite(e) || e <= s) return null;
    return `One judgement over ${Math.round((e - s) / 60_000)} min of past data`;
  }
  const life = parseNumberText(form.lifetimeMinutes);
  if (typeof life !== 'number' || life <= 0) return null;
  const rawInterval = parseNumberText(form.intervalMinutes);
  const interval = typeof rawInterval === 'number' && rawInterval > 0 && rawInterval <= life ? rawInterval : life;
  const n = Math.floor(life / interval);
  const warm = parseNumberText(form.warmupMinutes);
  const look = parseNumberText(form.lookbackMinutes);
  const parts = [`${n} judgement${n === 1 ? '' : 's'} of ${interval} min each`];
  if (typeof warm === 'number' && warm > 0) parts.push(`after ${warm} min warm-up`);
  parts.push(typeof look === 'number' && look > 0 ? `(sliding ${look} min window)` : '(growing window)');
  return parts.join(' ');
}

/** Widths (percent of 0–100) of the fail, marginal and pass bands, or null when the thresholds are not usable. */
export function thresholdBands(
  form: Pick<FormState, 'pass' | 'marginal'>,
): { fail: number; marginal: number; pass: number } | null {
  const pass = parseNumberText(form.pass);
  const marginal = parseNumberText(form.marginal);
  if (typeof pass !== 'number' || typeof marginal !== 'number') return null;
  if (!(marginal > 0 && marginal < pass && pass <= 100)) return null;
  return { fail: marginal, marginal: pass - marginal, pass: 100 - pass };
}
