/**
 * JSON Pointer → dotted path (`/metricSetPairList/3/values/control/7` → `metricSetPairList[3].values.control[7]`):
 * the scoring library's `pointerToPath`/`appendKey`, shared with the service's `POST /judge` so both word paths the
 * same way.
 */
export { appendKey, pointerToPath } from '@canary-judge/shared';
