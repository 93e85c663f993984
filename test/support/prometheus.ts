/**
 * A real Prometheus for integration tests: OpenMetrics text → TSDB blocks (`promtool tsdb create-blocks-from
 * openmetrics`) → `prometheus` on 127.0.0.1 with a huge retention so historical blocks stay queryable.
 * Needs Debian's `prometheus` package (installed by `.ci/run`).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDaemon, workSubdir, type DaemonServer } from './daemon';
import { startProcess } from './process';

const run = promisify(execFile);

/** One gauge series: metric name, labels and `[epochSeconds, value]` points in increasing time order. */
export interface GaugeSeries {
  name: string;
  labels: Record<string, string>;
  points: [number, number][];
}

/**
 * The label set of a series in the Prometheus exposition formats, `k="v",…` without the braces.
 * Edge case: label values are escaped (backslash, quote, newline) as the exposition formats require.
 * Reference: https://prometheus.io/docs/instrumenting/exposition_formats/#text-format-details
 */
export function exposedLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

/**
 * Renders gauge series as OpenMetrics text (families grouped, `# EOF` terminated; timestamps in seconds).
 * Edge case: label values are escaped (backslash, quote, newline) as the exposition format requires.
 * Reference: https://github.com/OpenObservability/OpenMetrics/blob/main/specification/OpenMetrics.md
 */
export function toOpenMetrics(series: readonly GaugeSeries[]): string {
  const families = new Map<string, GaugeSeries[]>();
  for (const s of series) families.set(s.name, [...(families.get(s.name) ?? []), s]);
  const lines: string[] = [];
  for (const [name, members] of families) {
    lines.push(`# TYPE ${name} gauge`);
    for (const s of members) {
      const labels = exposedLabels(s.labels);
      for (const [t, v] of s.points) lines.push(`${name}{${labels}} ${v} ${t}`);
    }
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** A running Prometheus. */
export type PrometheusServer = DaemonServer;

/**
 * Writes `series` as OpenMetrics into `workDir`, converts them to TSDB blocks in `workDir/data`, and starts
 * Prometheus on a free loopback port over that data (retention 100 years, no scrape targets). Resolves when
 * `/-/ready` answers 200.
 * @throws Error with promtool's or Prometheus' output when either fails.
 */
export async function startPrometheusWithData(
  workDir: string,
  series: readonly GaugeSeries[],
): Promise<PrometheusServer> {
  const dataDir = workSubdir(workDir, 'data');
  const input = join(workDir, 'series.om.txt');
  writeFileSync(input, toOpenMetrics(series));
  try {
    await run('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, dataDir]);
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`promtool failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
  const configFile = join(workDir, 'prometheus.yml');
  writeFileSync(configFile, 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
  return startDaemon({
    name: 'prometheus',
    launch: (port) =>
      startProcess('prometheus', [
        `--config.file=${configFile}`,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=36500d',
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ]),
    ready: async (baseUrl) => (await fetch(`${baseUrl}/-/ready`)).status === 200,
  });
}

/**
 * Asks a Prometheus-compatible store's query API for a range (`GET /api/v1/query_range`) over a data window.
 * Reference: https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
 * @param baseUrl the store
 * @param query the PromQL expression
 * @param window the window: `start` and `end` in epoch seconds, `step` in seconds
 * @returns the answer's series (`data.result`), each with its `[epochSeconds, "value"]` points
 */
export async function queryRange(
  baseUrl: string,
  query: string,
  window: { start: number; end: number; step: number },
): Promise<{ metric: Record<string, string>; values: [number, string][] }[]> {
  const url = new URL('/api/v1/query_range', baseUrl);
  url.search = new URLSearchParams({
    query,
    start: String(window.start),
    end: String(window.end),
    step: `${window.step}s`,
  }).toString();
  const answer = (await (await fetch(url)).json()) as {
    data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
  };
  return answer.data.result;
}
