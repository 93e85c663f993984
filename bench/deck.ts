/**
 * Deck plugin benchmark (`npm run bench -- deck`; `benchDeck()` for the root runner):
 * 1. builds the plugin into `deck-plugin/build/dist` with the same function the demo page and the browser e2e use
 *    (`ensurePluginBuilt`, the project's rollup config; the folder is emptied first so the figures are never of a
 *    stale build) and prints the entry chunk's and the whole bundle's size, raw and gzip (node:zlib, level 9);
 * 2. starts the real judge service (child process, loopback, temporary SQLite file), judges a retrospective
 *    judgment of `metrics` (300) demo metrics once, then opens the demo host page (`/demo/`) in Debian's Chromium
 *    through playwright-core, several times in a fresh browser context: the time from navigation to the config
 *    panel, and from the click on "Save and run judgment" to the results tab showing every metric row and a
 *    recharts chart (so the lazily loaded report chunk has been fetched, parsed and rendered). The page's create
 *    call (`PUT /v1/judgments/{key}`) is answered by the browser route with the finished 300-metric judgment, so
 *    the measured time is the plugin's (results tab, chunk load, report fetch from the service, render), not the
 *    judging. Medians are printed; nothing is asserted (speed is never a test).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { DEFAULT_PLUGIN_DIR, ensurePluginBuilt } from '@canary-judge/deck-plugin/demo';
import { CHROMIUM_PATH, launchChromium } from '../test/support/chromium';
import { startJudgeService } from '../test/support/judge-service';
import { median } from './seeded';

/** A fixed past window: the demo source is deterministic per timestamp, so every run renders the same report. */
const WINDOW = { start: '2026-01-05T10:00:00Z', end: '2026-01-05T11:00:00Z' };

/** Size of one built file. */
export interface BundleFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Figures of one run. */
export interface DeckBenchFigures {
  buildSeconds: number;
  /** `index.js` alone (it may only re-export a shared chunk). */
  entry: BundleFile;
  /** `index.js` with the chunks it imports statically (loaded at Deck start-up; the report chunk is not). */
  startup: { files: string[]; bytes: number; gzipBytes: number };
  /** Every `.js` file of the build (source maps excluded). */
  files: BundleFile[];
  totalBytes: number;
  totalGzipBytes: number;
  /** Source maps, raw (not loaded by browsers unless dev tools are open). */
  mapBytes: number;
  /** Render figures; null when Chromium is not installed. */
  render: {
    metrics: number;
    reportBytes: number;
    runs: number;
    navigationToConfigMs: number[];
    clickToAllRowsMs: number[];
  } | null;
}

/** `index.js` and every chunk it imports or re-exports statically: what Deck loads when it loads the plugin. */
export function startupFiles(dir: string): string[] {
  const seen = new Set<string>(['index.js']);
  const queue = ['index.js'];
  while (queue.length > 0) {
    const code = readFileSync(join(dir, queue.pop() as string), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+)["']/g)) {
      const dep = m[1] as string;
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...seen].sort();
}

function sizeOf(dir: string, file: string): BundleFile {
  const body = readFileSync(join(dir, file));
  return { file, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ms = (n: number) => `${n.toFixed(0)} ms`;

/** A retrospective demo judgment with `n` metrics: mostly healthy, some regressions, error bursts, missing data. */
export function manyMetricRequest(n: number): Record<string, unknown> {
  const series = ['latency', 'errors', 'cpu'] as const;
  const metrics = Array.from({ length: n }, (_, i) => {
    const kind = series[i % 3] as (typeof series)[number];
    const scenario =
      i % 20 === 0 ? 'latency-regression' : i % 20 === 1 ? 'error-burst' : i % 50 === 2 ? 'missing-data' : 'healthy';
    return {
      name: `${kind}-${String(i + 1).padStart(3, '0')}`,
      query: { series: kind, scenario },
      groups: [kind === 'errors' ? 'errors' : 'latency'],
      analysisConfigurations: {
        canary: {
          direction: kind === 'cpu' ? 'either' : 'increase',
          ...(kind === 'errors' ? { nanStrategy: 'replace' } : {}),
          ...(i < 3 ? { critical: true } : {}),
        },
      },
    };
  });
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'demo',
    canaryConfig: { name: `bench-${n}-metrics`, metrics, classifier: { groupWeights: { latency: 60, errors: 40 } } },
    scopes: {
      controlScope: 'checkout-baseline',
      experimentScope: 'checkout-canary',
      controlLocation: 'us-east-1',
      experimentLocation: 'us-east-1',
    },
    timing: { startTimeIso: WINDOW.start, endTimeIso: WINDOW.end, stepSeconds: 60 },
    thresholds: { pass: 75, marginal: 50 },
  };
}

async function judgeOnce(base: string, key: string, n: number): Promise<unknown> {
  const put = await fetch(`${base}/v1/judgments/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(manyMetricRequest(n)),
  });
  const created = await put.text();
  if (put.status >= 300) throw new Error(`PUT ${key} answered ${put.status}: ${created.slice(0, 500)}`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    const res = await fetch(`${base}/v1/judgments/${key}`);
    const body = (await res.json()) as { status?: string; verdict?: string };
    if (body.status !== 'RUNNING') {
      if (!body.verdict) throw new Error(`judgment ${key} ended without a verdict: ${JSON.stringify(body)}`);
      return body;
    }
    if (Date.now() > deadline) throw new Error(`judgment ${key} still RUNNING after 300 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Runs in the page (kept as source text: tsx would wrap named functions in a `__name` helper the page lacks):
 * clicks "Save and run judgment", then checks once per animation frame until the results tab shows `rows` metric
 * rows and a recharts chart; resolves with the milliseconds since the click.
 */
const CLICK_TO_ROWS = `async (rows) => {
  const start = performance.now();
  document.getElementById('demo-run').click();
  return await new Promise((resolve, reject) => {
    const tick = () => {
      const root = document.querySelector('[data-testid="cj-results"]');
      const shown = root ? root.querySelectorAll('[data-testid="cj-results-metrics"] tbody tr').length : 0;
      if (shown === rows && root.querySelector('svg.recharts-surface')) resolve(performance.now() - start);
      else if (performance.now() - start > 120000)
        reject(new Error('after 120 s: ' + shown + ' of ' + rows + ' rows; ' + (root ? root.textContent.slice(0, 300) : '')));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}`;

async function measureRender(
  browser: Browser,
  base: string,
  judgment: unknown,
  n: number,
): Promise<{ navigationMs: number; clickMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1800 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The page's create call gets the finished judgment at once (as Orca's webhook would after its polls).
    await page.route('**/v1/judgments/*', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify(judgment) })
        : route.continue(),
    );
    const t0 = performance.now();
    await page.goto(`${base}/demo/?start=${WINDOW.start}&end=${WINDOW.end}`);
    await page.getByTestId('cj-config').waitFor({ timeout: 120_000 });
    const navigationMs = performance.now() - t0;
    // Measured inside the page: click, then one check per animation frame until every row and a chart are drawn.
    const clickMs = (await page.evaluate(`(${CLICK_TO_ROWS})(${n})`)) as number;
    const chunks = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((u) => /\/demo\/plugin\/ReportView-[^/]*\.js$/.test(u)),
    );
    if (chunks.length === 0) throw new Error('the report chunk was not loaded');
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return { navigationMs, clickMs };
  } finally {
    await context.close();
  }
}

/**
 * Runs the benchmark and prints its figures.
 * @param options `metrics` in the rendered report (300), `runs` measured page loads (7, after one warm-up)
 * @returns the figures
 */
export async function benchDeck(options: { metrics?: number; runs?: number } = {}): Promise<DeckBenchFigures> {
  const n = options.metrics ?? 300;
  const runs = options.runs ?? 7;
  const dir = DEFAULT_PLUGIN_DIR;
  rmSync(dir, { recursive: true, force: true });
  const b0 = performance.now();
  await ensurePluginBuilt(dir);
  const buildSeconds = (performance.now() - b0) / 1000;
  const names = readdirSync(dir).sort();
  const files = names.filter((f) => f.endsWith('.js')).map((f) => sizeOf(dir, f));
  const entry = files.find((f) => f.file === 'index.js') as BundleFile;
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
  const totalGzipBytes = files.reduce((s, f) => s + f.gzipBytes, 0);
  const startupNames = startupFiles(dir);
  const startupSizes = files.filter((f) => startupNames.includes(f.file));
  const startup = {
    files: startupNames,
    bytes: startupSizes.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: startupSizes.reduce((s, f) => s + f.gzipBytes, 0),
  };
  const mapBytes = names.filter((f) => f.endsWith('.map')).reduce((s, f) => s + readFileSync(join(dir, f)).length, 0);
  console.log(`build (rollup, ensurePluginBuilt → deck-plugin/build/dist): ${buildSeconds.toFixed(1)} s`);
  console.log(`entry index.js: ${kb(entry.bytes)} raw, ${kb(entry.gzipBytes)} gzip`);
  console.log(
    `entry chunk with its static imports (${startupNames.join(' + ')}, loaded at start-up): ${kb(startup.bytes)} raw, ${kb(startup.gzipBytes)} gzip`,
  );
  console.log(`total (${files.length} .js files): ${kb(totalBytes)} raw, ${kb(totalGzipBytes)} gzip`);
  for (const f of files)
    console.log(`  ${f.file.padEnd(32)} ${kb(f.bytes).padStart(10)} ${kb(f.gzipBytes).padStart(10)}`);
  console.log(`source maps (not loaded by browsers): ${kb(mapBytes)} raw`);

  let render: DeckBenchFigures['render'] = null;
  try {
    readFileSync(CHROMIUM_PATH);
  } catch {
    console.log(`render: skipped, no Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH)`);
    return { buildSeconds, entry, startup, files, totalBytes, totalGzipBytes, mapBytes, render };
  }
  const svc = await startJudgeService({ readyTimeoutMs: 60_000 });
  let browser: Browser | undefined;
  try {
    const judgment = await judgeOnce(svc.baseUrl, 'bench-deck-report', n);
    const report = await (await fetch(`${svc.baseUrl}/v1/judgments/bench-deck-report/report`)).text();
    browser = await launchChromium();
    await measureRender(browser, svc.baseUrl, judgment, n); // warm-up: first renderer, service JIT
    const navigationToConfigMs: number[] = [];
    const clickToAllRowsMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await measureRender(browser, svc.baseUrl, judgment, n);
      navigationToConfigMs.push(r.navigationMs);
      clickToAllRowsMs.push(r.clickMs);
    }
    render = { metrics: n, reportBytes: Buffer.byteLength(report), runs, navigationToConfigMs, clickToAllRowsMs };
    console.log(
      `report of ${n} metrics: ${kb(render.reportBytes)} JSON (verdict ${(judgment as { verdict?: string }).verdict})`,
    );
    console.log(
      `navigation → config panel: median ${ms(median(navigationToConfigMs))} (min ${ms(Math.min(...navigationToConfigMs))}, max ${ms(Math.max(...navigationToConfigMs))}, ${runs} runs)`,
    );
    console.log(
      `click → all ${n} metric rows + chart (report chunk loaded): median ${ms(median(clickToAllRowsMs))} (min ${ms(Math.min(...clickToAllRowsMs))}, max ${ms(Math.max(...clickToAllRowsMs))}, ${runs} runs)`,
    );
  } finally {
    await browser?.close();
    await svc.cleanup();
  }
  return { buildSeconds, entry, startup, files, totalBytes, totalGzipBytes, mapBytes, render };
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) await benchDeck();
