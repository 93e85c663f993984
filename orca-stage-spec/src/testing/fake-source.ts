/**
 * A scripted metric source for the service's tests: named `demo` by default (so demo requests select it), accepting
 * every query, and answering each fetch with what the test's function returns or throws.
 */
import type { FetchRequest, MetricSource, Series } from '../sources/port';

/**
 * Builds a metric source whose `fetch` is the given function (it may throw `MetricSourceError`s to script faults).
 * @param fetch answers one series request.
 * @param name the source name requests select (`demo` by default).
 * @returns a source of type `test` whose `check` accepts every metric.
 */
export function scriptedSource(fetch: (req: FetchRequest) => Promise<Series>, name = 'demo'): MetricSource {
  return { name, type: 'test', check: () => undefined, fetch };
}
