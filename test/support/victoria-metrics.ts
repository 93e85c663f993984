/**
 * A real VictoriaMetrics (a PromQL-compatible store) for integration tests: Debian's `victoria-metrics` single-node
 * binary on a free loopback port with its own storage directory under the test's work directory, fed through its
 * Prometheus text import (`POST /api/v1/import/prometheus`, timestamps in milliseconds) and flushed
 * (`/internal/force_flush`) so the points are searchable at once. Needs Debian's `victoria-metrics` (installed by
 * `.ci/run`). Reference: https://docs.victoriametrics.com/#how-to-import-data-in-prometheus-exposition-format
 */
import { startDaemon, workSubdir, type DaemonServer } from './daemon';
import { exposedLabels, type GaugeSeries } from './prometheus';
import { startProcess } from './process';
import { waitUntil } from './wait';

/** A running VictoriaMetrics (Prometheus' query API is at `/api/v1/…` of its base URL). */
export type VictoriaMetricsServer = DaemonServer;

/**
 * Renders gauge series in the Prometheus text exposition format with millisecond timestamps, as VictoriaMetrics'
 * `/api/v1/import/prometheus` reads it. Edge case: label values are escaped (backslash, quote, newline).
 */
export function toPrometheusText(series: readonly GaugeSeries[]): string {
  const lines: string[] = [];
  for (const s of series) {
    const labels = exposedLabels(s.labels);
    for (const [t, v] of s.points) lines.push(`${s.name}{${labels}} ${v} ${Math.round(t * 1000)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Starts VictoriaMetrics in `workDir` (retention 100 years, so old test points are kept), imports `series`, flushes,
 * and resolves once every series is searchable.
 * @throws Error with VictoriaMetrics' output when it does not start or refuses the import.
 */
export async function startVictoriaMetricsWithData(
  workDir: string,
  series: readonly GaugeSeries[],
): Promise<VictoriaMetricsServer> {
  const dataDir = workSubdir(workDir, 'vm-data');
  return startDaemon({
    name: 'victoria-metrics',
    launch: (port) =>
      startProcess('victoria-metrics', [
        `-storageDataPath=${dataDir}`,
        `-httpListenAddr=127.0.0.1:${port}`,
        '-retentionPeriod=100y',
        '-loggerLevel=ERROR',
        '-search.disableCache',
      ]),
    ready: async (baseUrl) => (await fetch(`${baseUrl}/health`)).status === 200,
    timeoutMs: 60_000,
    intervalMs: 200,
    setUp: (baseUrl) => importSeries(baseUrl, series),
  });
}

/**
 * Imports `series` into a running VictoriaMetrics and flushes until every series is searchable.
 * @throws Error when the import is refused or the series are not searchable within 30 s.
 */
async function importSeries(baseUrl: string, series: readonly GaugeSeries[]): Promise<void> {
  const res = await fetch(`${baseUrl}/api/v1/import/prometheus`, { method: 'POST', body: toPrometheusText(series) });
  if (res.status !== 204) throw new Error(`import answered ${res.status}: ${await res.text()}`);
  const names = [...new Set(series.map((s) => s.name))];
  await waitUntil(
    async () => {
      await fetch(`${baseUrl}/internal/force_flush`);
      const url = new URL('/api/v1/series', baseUrl);
      for (const n of names) url.searchParams.append('match[]', n);
      const first = Math.min(...series.map((s) => s.points[0]?.[0] ?? Infinity));
      url.searchParams.set('start', String(first));
      const found = (await (await fetch(url)).json()) as { data?: unknown[] };
      return (found.data?.length ?? 0) >= series.length;
    },
    { timeoutMs: 30_000, intervalMs: 250, what: 'imported series searchable in victoria-metrics' },
  );
}
