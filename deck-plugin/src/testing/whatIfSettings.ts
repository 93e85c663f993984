/** Test support for the what-if transform's tests: settings edits written once. */
import {
  initialWhatIfState,
  nextWhatIfState,
  type WhatIfMetric,
  type WhatIfSettings,
  type WhatIfState,
} from '../transforms/whatIf';
import type { JudgmentReport } from '../transforms/report';

/** `s` with metric `name`'s settings patched by `patch` (a new object; `s` is not changed). The metric must exist. */
export function withMetric(s: WhatIfSettings, name: string, patch: Partial<WhatIfMetric>): WhatIfSettings {
  return { ...s, metrics: { ...s.metrics, [name]: { ...s.metrics[name]!, ...patch } } };
}

/**
 * Two edits of metric `name` in the what-if panel's state, from the report's own settings: first `good` (meant to be
 * valid), then `bad` on top of it (meant to have an issue), with `rest` (e.g. a new pass threshold) in the same edit.
 * @returns the metric settings after each edit (`good`, `bad`) and the state after each edit (`afterGood`, `afterBad`)
 */
export function goodThenBadEdit(
  r: JudgmentReport,
  name: string,
  good: Partial<WhatIfMetric>,
  bad: Partial<WhatIfMetric>,
  rest: Partial<WhatIfSettings> = {},
): { good: WhatIfMetric; bad: WhatIfMetric; afterGood: WhatIfState; afterBad: WhatIfState } {
  const start = initialWhatIfState(r);
  const afterGood = nextWhatIfState(start, withMetric(start.draft, name, good));
  const afterBad = nextWhatIfState(afterGood, { ...withMetric(afterGood.draft, name, bad), ...rest });
  return { good: afterGood.draft.metrics[name]!, bad: afterBad.draft.metrics[name]!, afterGood, afterBad };
}
