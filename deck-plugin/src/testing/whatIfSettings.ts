/** Test support for the what-if transform's tests: settings edits written once. */
import type { WhatIfMetric, WhatIfSettings } from '../transforms/whatIf';

/** `s` with metric `name`'s settings patched by `patch` (a new object; `s` is not changed). The metric must exist. */
export function withMetric(s: WhatIfSettings, name: string, patch: Partial<WhatIfMetric>): WhatIfSettings {
  return { ...s, metrics: { ...s.metrics, [name]: { ...s.metrics[name]!, ...patch } } };
}
