// End-to-end test of the Deck plugin: build it with rollup, check the bundle (no React copy, tiny entry, lazy chunk),
// serve it from the real judge service (in-process, loopback) with the demo host page, and drive Debian's Chromium
// through playwright-core: configure a stage, run a judgment on the demo metric source, read the verdict and the
// failing metric. Screenshots go to test-artifacts/ (gitignored).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEMO_CANARY_CONFIG,
  loadConfig,
  createService,
  type DemoScenario,
  type RunningService,
} from '@canary-judge/orca-stage-spec/testing';
import { ensurePluginBuilt, registerDeckDemo } from '@canary-judge/deck-plugin/demo';
import { kayentaConfig14 } from '@canary-judge/deck-plugin/testing';
import { launchChromium } from '../support/chromium';
import { freePort } from '../support/ports';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const require = createRequire(import.meta.url);
const ARTIFACTS = join(ROOT, 'test-artifacts');

/**
 * Waits in the browser: generous, for a loaded 2-core CI machine running other test files in parallel (a page load
 * normally takes well under a second, a judgment a few seconds). They bound how long a failure takes to show; no
 * assertion depends on them. Each test's timeout (300 s) covers a page load and two verdict waits.
 */
const UI_WAIT_MS = 90_000;
const VERDICT_WAIT_MS = 120_000;

let outDir = '';
/** True when this file built the plugin itself (no global setup build), so it deletes the folder. */
let ownBuild = false;
let svc: RunningService | undefined;
let browser: Browser | undefined;
let baseUrl = '';

beforeAll(async () => {
  // Built once by the project's global setup (deck-plugin.global-setup.ts) before the test files started; when this
  // file runs without it, built here. Either way as `npm start` builds the demo on first use (the project's rollup
  // config, into a temp folder).
  outDir = inject('deckPluginDir') ?? '';
  if (!outDir) {
    outDir = mkdtempSync(join(tmpdir(), 'cj-deck-plugin-'));
    ownBuild = true;
    await ensurePluginBuilt(outDir);
  }

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const cfg = loadConfig({
    CANARY_JUDGE_DB: ':memory:',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
    LOG_LEVEL: 'silent',
    // Judgment time runs 120× faster, so a live 3-minute judgment takes about 1.5 real seconds per interval.
    CANARY_JUDGE_CLOCK_SPEED: '120',
  });
  svc = await createService(cfg);
  registerDeckDemo(svc.app, { pluginDir: outDir });
  await svc.app.listen({ host: '127.0.0.1', port });
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
  // Warm-up load: the browser's first renderer and the first parse of the plugin are the slowest page load of the
  // run; paying for them here keeps them out of the first test. Nothing is asserted on this page.
  const warm = await browser.newPage();
  await warm.goto(`${baseUrl}/demo/`, { timeout: UI_WAIT_MS });
  await warm.getByTestId('cj-config').waitFor({ timeout: UI_WAIT_MS });
  await warm.close();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await svc?.close();
  if (outDir && ownBuild) rmSync(outDir, { recursive: true, force: true });
});

describe('built bundle', () => {
  it('has an ES entry index.js exporting plugin, .js chunks only, and no copy of React', () => {
    const files = readdirSync(outDir).filter((f) => f.endsWith('.js'));
    expect(files).toContain('index.js');
    expect(readdirSync(outDir).some((f) => f.endsWith('.mjs') || f.endsWith('.css'))).toBe(false);
    const entry = readFileSync(join(outDir, 'index.js'), 'utf8');
    expect(entry).toMatch(/export\s*\{[^}]*\bas plugin\b|export\s*\{\s*plugin\b/);
    for (const f of files) {
      const code = readFileSync(join(outDir, f), 'utf8');
      expect(code, f).not.toContain('__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED');
      expect(code, f).not.toMatch(/from\s*["'](react|react-dom|@spinnaker\/core)["']/);
      // Only relative chunk imports: a bare specifier (e.g. Node's crypto from axios' Node build) breaks in a browser.
      expect(code, f).not.toMatch(/(?:^|[;}])\s*(?:import|export)\b[^;"'`]*?from\s*["'](?!\.\/)/m);
      expect(code, f).not.toMatch(/(?:^|[;}])\s*import\s*["'](?!\.\/)/m);
    }
    const all = files.map((f) => readFileSync(join(outDir, f), 'utf8')).join('\n');
    expect(all).toContain('spinnaker.plugins.sharedLibraries.react');
    expect(all).toContain('spinnaker.plugins.sharedLibraries._spinnaker_core');
  });

  it('keeps recharts out of the code Deck loads at start-up (lazy chunk)', () => {
    const files = readdirSync(outDir).filter((f) => f.endsWith('.js'));
    const report = files.find((f) => f.startsWith('ReportView-'));
    expect(report).toBeDefined();
    const startup = new Set<string>(['index.js']);
    // Follow static imports and re-exports from the entry (index.js re-exports a shared chunk): those files load with
    // it; the report chunk must not be among them.
    const queue = ['index.js'];
    while (queue.length > 0) {
      const f = queue.pop() as string;
      const code = readFileSync(join(outDir, f), 'utf8');
      for (const m of code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+)["']/g)) {
        const dep = m[1] as string;
        if (!startup.has(dep)) {
          startup.add(dep);
          queue.push(dep);
        }
      }
    }
    expect([...startup]).not.toContain(report);
    const startupBytes = [...startup].reduce((s, f) => s + statSync(join(outDir, f)).size, 0);
    const reportBytes = statSync(join(outDir, report as string)).size;
    expect(startupBytes).toBeLessThan(reportBytes);
    expect(readFileSync(join(outDir, report as string), 'utf8')).toContain('recharts');
    // Issue 11: what Deck loads before its first paint stays within 15 KB gzip; the stage editor is its own chunk.
    const editor = files.find((f) => f.startsWith('CanaryJudgeStageConfig-'));
    expect(editor).toBeDefined();
    expect([...startup]).not.toContain(editor);
    const startupGzip = [...startup].reduce(
      (s, f) => s + gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length,
      0,
    );
    expect(startupGzip).toBeLessThanOrEqual(15 * 1024);
  });
});

async function openDemo(): Promise<Page> {
  const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 1800 } });
  page.setDefaultTimeout(UI_WAIT_MS); // every locator action (fill, click, textContent) waits as long as the waits above
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('favicon')) errors.push(`console: ${m.text()}`);
  });
  // A fixed past window: the demo source is deterministic per timestamp, so the verdicts are reproducible.
  await page.goto(`${baseUrl}/demo/?start=2026-01-05T10:00:00Z&end=2026-01-05T11:00:00Z`, { timeout: UI_WAIT_MS });
  try {
    await page.getByTestId('cj-config').waitFor({ timeout: UI_WAIT_MS });
  } catch (e) {
    const body = (await page.locator('body').textContent()) ?? '';
    throw new Error(
      `the demo page did not show the config panel: ${(e as Error).message}; page errors: ${JSON.stringify(errors)}; page text: ${body.slice(0, 300)}`,
    );
  }
  expect(errors).toEqual([]);
  return page;
}

/**
 * One browser test on a fresh demo page: `open` opens it ({@link openDemo} by default), `body` drives it, and the page
 * is closed afterwards whether the test passed or not. Each test's timeout (300 s) covers a page load and two verdict
 * waits.
 */
function pageTest(name: string, body: (page: Page) => Promise<void>, open: () => Promise<Page> = openDemo): void {
  it(
    name,
    async () => {
      const page = await open();
      try {
        await body(page);
      } finally {
        await page.close();
      }
    },
    300_000,
  );
}

/** A full-page screenshot of `page` into test-artifacts/ (gitignored), for a reviewer to look at. */
async function fullShot(page: Page, file: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, file), fullPage: true });
}

/**
 * Waits until the results header's verdict contains `verdict` (a string) or matches it (a pattern).
 * @param timeout how long to poll (default {@link VERDICT_WAIT_MS}: a judgment's run time on a loaded machine)
 */
async function verdictShows(page: Page, verdict: string | RegExp, timeout = VERDICT_WAIT_MS): Promise<void> {
  const shown = expect.poll(() => page.getByTestId('cj-results-verdict').textContent(), { timeout });
  await (typeof verdict === 'string' ? shown.toContain(verdict) : shown.toMatch(verdict));
}

/** Clicks the demo host's "Save and run judgment" button and waits for the verdict, as {@link verdictShows}. */
async function runToVerdict(page: Page, verdict: string | RegExp): Promise<void> {
  await page.locator('#demo-run').click();
  await verdictShows(page, verdict);
}

/** Sets the demo canary scope that picks the demo source's scenario (`checkout-canary-<scenario>`). */
async function chooseScenario(page: Page, scenario: DemoScenario): Promise<void> {
  await page.getByLabel('Canary scope', { exact: true }).fill(`checkout-canary-${scenario}`);
}

/** {@link chooseScenario}, then {@link runToVerdict}. */
async function judgeScenario(page: Page, scenario: DemoScenario, verdict: string | RegExp): Promise<void> {
  await chooseScenario(page, scenario);
  await runToVerdict(page, verdict);
}

describe('plugin in a browser against the judge service', () => {
  pageTest('blocks saving an invalid stage and names the field', async (page) => {
    await page.getByLabel('Pass', { exact: true }).fill('40');
    await expect
      .poll(() => page.getByTestId('cj-config-issues').textContent(), { timeout: UI_WAIT_MS })
      .toContain('Marginal: must be below pass (40)');
    // Issue 13: the summary entry is a link to the field, by its label.
    await page.getByTestId('cj-config-issues').getByRole('link', { name: 'Marginal' }).click();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('50');
    expect(await page.locator('#demo-run').isDisabled()).toBe(true);
    await fullShot(page, 'deck-plugin-invalid-config.png');
  });

  pageTest('configures a stage, runs a judgment, and shows FAIL with the failing metric first', async (page) => {
    await chooseScenario(page, 'latency-regression');
    const stageJson = JSON.parse((await page.locator('#demo-stage-json').textContent()) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(stageJson['alias']).toBe('webhook');
    expect(stageJson['url']).toBe(
      `${baseUrl}/v1/judgments/\${execution.id}-\${#currentStage().id}-\${#currentStage().startTime}`,
    );
    await fullShot(page, 'deck-plugin-config.png');
    await runToVerdict(page, 'Fail');
    const table = page.getByTestId('cj-results-metrics');
    await table.waitFor({ timeout: UI_WAIT_MS });
    const firstMetric = await table.locator('tbody tr').first().locator('button').first().textContent();
    expect(firstMetric).toBe('request-latency');
    expect(await table.locator('tbody tr').first().textContent()).toContain('High');
    const detail = page.getByTestId('cj-results-metric-detail');
    expect(await detail.textContent()).toContain('request-latency');
    expect(await detail.locator('svg.recharts-surface').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('cj-execution-label').textContent()).toContain('Canary Judge');
    // The what-if panel re-scores in the browser with the same library: unchanged settings give the same score.
    const score = (await page.getByTestId('cj-results-score').textContent()) ?? '';
    const real = /Score\s*([\d.]+)/.exec(score)?.[1];
    await page.getByTestId('cj-whatif-toggle').click(); // issue 13: the what-if starts collapsed
    expect(await page.getByTestId('cj-whatif-verdict').textContent()).toContain(`score ${real}`);
    await fullShot(page, 'deck-plugin-results-fail.png');
    // Issue 13: the message Orca shows (Deck's stage "Info", notifications) names the cause first; the header says
    // the same and gives the bands in Orca's words.
    const message = page.getByTestId('cj-results-message');
    expect(await message.textContent()).toMatch(
      /^FAIL 0\/100: critical metric request-latency is High \(canary mean \+[\d.]+ % vs baseline\); score 0 is at or below marginal 50/,
    );
    expect(await page.getByTestId('cj-results-score').textContent()).toContain('Fail ≤ 50 · Marginal > 50 and < 75');
    await message.screenshot({ path: join(ARTIFACTS, 'issue13-orca-message.png') });
    await page
      .getByTestId('cj-results-verdict')
      .locator('xpath=../..')
      .screenshot({
        path: join(ARTIFACTS, 'issue13-failing-header.png'),
      });
    // Accessibility: axe-core finds no violations in the config panel or the results tab (heading levels are set by
    // the host page, so that rule is left to Deck).
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    for (const selector of ['[data-testid="cj-config"]', '[data-testid="cj-results"]']) {
      const violations = await page.evaluate(async (sel) => {
        const axe = (
          window as unknown as {
            axe: { run: (c: string, o: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> };
          }
        ).axe;
        const r = await axe.run(sel, { resultTypes: ['violations'], rules: { 'heading-order': { enabled: false } } });
        return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
      }, selector);
      expect(violations, selector).toEqual([]);
    }
  });

  pageTest('names the missing side when the canary returns no data', async (page) => {
    await judgeScenario(page, 'missing-data', 'Fail');
    await page.getByTestId('cj-results-metrics').waitFor({ timeout: UI_WAIT_MS });
    await page.getByRole('button', { name: 'request-latency', exact: true }).click();
    expect(await page.getByTestId('cj-results-no-data').textContent()).toContain('No canary data');
    await fullShot(page, 'deck-plugin-results-no-data.png');
  });

  pageTest('shows the judge refusing a request (unknown metric source) as an error, not a verdict', async (page) => {
    await page.getByLabel('Metric source').fill('nosuch');
    await runToVerdict(page, 'Error');
    const errors = (await page.getByTestId('cj-results-errors').textContent()) ?? '';
    expect(errors).toContain('nosuch');
    expect(errors).toMatch(/HTTP 4\d\d/);
    expect(await page.getByText('The judge refused the request (see above), so there is no report.').count()).toBe(1);
    expect(await page.getByTestId('cj-results-report-error').count()).toBe(0);
    await fullShot(page, 'deck-plugin-results-error.png');
  });

  pageTest('follows a live judgment from Running to its verdict, one trend point per interval', async (page) => {
    await page.getByLabel('Real time (judge while the canary runs)').check();
    await page.getByLabel('Lifetime (min)').fill('3');
    await page.getByLabel('Interval (min)').fill('1');
    await page.getByLabel('Step (s)').fill('5');
    expect(await page.getByTestId('cj-config-interval-plan').textContent()).toBe(
      '3 judgements of 1 min each (growing window)',
    );
    await page.locator('#demo-run').click();
    await verdictShows(page, 'Running', UI_WAIT_MS);
    await fullShot(page, 'deck-plugin-results-running.png');
    await verdictShows(page, /Pass|Marginal|Fail/);
    await expect.poll(() => page.getByText('Intervals judged: 3 of 3').count(), { timeout: UI_WAIT_MS }).toBe(1);
    await expect
      .poll(() => page.getByRole('img', { name: /^Score per interval/ }).getAttribute('aria-label'), {
        timeout: UI_WAIT_MS,
      })
      .toMatch(/interval 1 .*interval 2 .*interval 3 /);
    await fullShot(page, 'deck-plugin-results-live.png');
  });

  pageTest('the in-browser what-if reproduces the service score of a partly failing canary', async (page) => {
    await judgeScenario(page, 'error-burst', /Pass|Marginal|Fail/);
    await page.getByTestId('cj-whatif').waitFor({ timeout: UI_WAIT_MS });
    const real = /Score\s*([\d.]+)/.exec((await page.getByTestId('cj-results-score').textContent()) ?? '')?.[1];
    expect(Number(real)).toBeGreaterThan(0);
    expect(Number(real)).toBeLessThan(100);
    await page.getByTestId('cj-whatif-toggle').click(); // issue 13: the what-if starts collapsed
    expect(await page.getByTestId('cj-whatif-verdict').textContent()).toContain(
      `score ${real} (the judge gave ${real}`,
    );
    expect(await page.getByTestId('cj-results-score-explanation').textContent()).toContain(`Total: ${real} points.`);
    await fullShot(page, 'deck-plugin-results-partial.png');
  });

  pageTest('runs a healthy canary to PASS', async (page) => {
    await runToVerdict(page, 'Pass');
    await page.getByTestId('cj-results-metrics').waitFor({ timeout: UI_WAIT_MS });
    await fullShot(page, 'deck-plugin-results-pass.png');
  });
});

/** Opens the demo page at a 1440 px wide viewport (a desktop Deck window). */
async function openWide(): Promise<Page> {
  const page = await openDemo();
  await page.setViewportSize({ width: 1440, height: 1800 });
  return page;
}

/** The stage JSON the panel wrote (the demo host shows it). */
async function stageJsonOf(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.locator('#demo-stage-json').textContent()) ?? '{}') as Record<string, unknown>;
}

describe('issue 11: the results tab in a 420 px column, several scopes, shared configs', () => {
  pageTest(
    'fits a 420 px results column, with m:ss time ticks, and opens the full report at 1440 px',
    async (page) => {
      await judgeScenario(page, 'latency-regression', 'Fail');
      await page.getByTestId('cj-results-metric-detail').waitFor({ timeout: UI_WAIT_MS });
      // Deck's execution-details column is about 450 px; the results tab gets 420 px of it.
      await page.addStyleTag({ content: '[data-testid="cj-results"] { width: 420px; }' });
      await page.getByTestId('cj-whatif').waitFor({ timeout: UI_WAIT_MS });
      const fit = await page.getByTestId('cj-results').evaluate((root) => {
        const box = root.getBoundingClientRect();
        // Everything outside a scroll box must stay inside the 420 px column.
        const escaping = Array.from(root.querySelectorAll('*')).filter((el) => {
          if (el.closest('table') && el.tagName !== 'TABLE') return false; // tables scroll inside their own box
          if (el.closest('.recharts-tooltip-wrapper')) return false; // a hover popup, hidden until hovered
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.right > box.right + 1;
        });
        return {
          width: box.width,
          scrollWidth: root.scrollWidth,
          escaping: escaping.slice(0, 5).map((el) => `${el.tagName}.${el.className}`),
        };
      });
      expect(fit.width).toBe(420);
      expect(fit.escaping).toEqual([]);
      expect(fit.scrollWidth).toBeLessThanOrEqual(420);
      const ticks = await page
        .getByRole('img', { name: /^request-latency: baseline and canary over/ })
        .locator('.recharts-xAxis .recharts-cartesian-axis-tick-value')
        .allTextContents();
      expect(ticks.length).toBeGreaterThan(1);
      for (const t of ticks) expect(t).toMatch(/^\d+:\d\d$/);
      await page.getByTestId('cj-results').screenshot({ path: join(ARTIFACTS, 'deck-plugin-results-420px.png') });

      await page.getByRole('button', { name: /Open full report/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('cj-results-metrics').waitFor({ timeout: UI_WAIT_MS });
      const dialogWidth = await dialog
        .locator('.cj-full-report-body')
        .evaluate((el) => el.getBoundingClientRect().width);
      expect(dialogWidth).toBeGreaterThan(1000);
      await page.screenshot({ path: join(ARTIFACTS, 'deck-plugin-full-report-1440px.png') });
      await page.keyboard.press('Escape');
      expect(await page.getByRole('dialog').count()).toBe(0);
    },
    openWide,
  );

  pageTest(
    'several scopes: the scope table and a metric on another scope, through stage JSON and service to the report',
    async (page) => {
      await page.getByRole('button', { name: /Add scope/ }).click();
      await page.getByLabel('Scope name 1', { exact: true }).fill('eu');
      await page.getByLabel('Baseline scope 1', { exact: true }).fill('checkout-baseline');
      await page.getByLabel('Canary scope 1', { exact: true }).fill('checkout-canary-latency-regression');
      await page.getByLabel('Canary location 1', { exact: true }).fill('eu-west-1');
      await page.getByTestId('cj-config-metric-0').getByLabel('Scope', { exact: true }).selectOption('eu');
      const payload = (await stageJsonOf(page))['payload'] as {
        namedScopes: Record<string, unknown>;
        scopes: { experimentScope: string };
        canaryConfig: { metrics: Array<{ name: string; scopeName?: string }> };
      };
      expect(payload.namedScopes['eu']).toEqual({
        controlScope: 'checkout-baseline',
        experimentScope: 'checkout-canary-latency-regression',
        experimentLocation: 'eu-west-1',
      });
      expect(payload.scopes.experimentScope).toBe('checkout-canary-healthy');
      expect(payload.canaryConfig.metrics[0]).toMatchObject({ name: 'request-latency', scopeName: 'eu' });
      await page.locator('#demo-run').click();
      // Only request-latency is judged on the regressed eu canary: it is critical and High, so the canary fails.
      await verdictShows(page, 'Fail');
      const latency = page.getByTestId('cj-results-metric-request-latency');
      await latency.waitFor({ timeout: UI_WAIT_MS });
      expect(await latency.textContent()).toContain('High');
      expect(await latency.getByText('scope eu').getAttribute('title')).toBe(
        'scope eu: checkout-baseline → checkout-canary-latency-regression (eu-west-1)',
      );
      expect(await page.getByTestId('cj-results-metric-http-errors').getByText('scope default').count()).toBe(1);
      await fullShot(page, 'deck-plugin-multi-scope.png');
    },
    openWide,
  );

  pageTest(
    'shared config: save the panel config as shared, the stage references it, the report names the version',
    async (page) => {
      await page.getByText('Shared canary configs: use one, or save this one').click();
      const name = `checkout-e2e-${Date.now().toString(36)}`;
      await page.getByLabel('Shared config name', { exact: true }).fill(name);
      await page.getByRole('button', { name: 'Save this config as shared' }).click();
      await expect
        .poll(async () => ((await stageJsonOf(page))['payload'] as Record<string, unknown>)['canaryConfigRef'], {
          timeout: UI_WAIT_MS,
        })
        .toEqual({ name, version: 1 });
      const payload = (await stageJsonOf(page))['payload'] as Record<string, unknown>;
      expect(payload['canaryConfig']).toBeUndefined();
      await page.getByTestId('cj-config-shared-preview').waitFor({ timeout: UI_WAIT_MS });
      expect(await page.getByTestId('cj-config-shared-preview').textContent()).toContain('request-latency');
      await fullShot(page, 'deck-plugin-shared-config.png');
      await runToVerdict(page, 'Pass');
      await expect
        .poll(() => page.getByTestId('cj-results-config-used').textContent(), { timeout: UI_WAIT_MS })
        .toBe(`Canary config: shared ${name} version 1`);
      expect(await page.getByTestId('cj-results-metrics').locator('tbody tr').count()).toBe(3);
    },
    openWide,
  );

  pageTest(
    'import a Kayenta config and save it as shared, judge with it, read name+version in both reports; units and clock time at 420 px',
    async (page) => {
      const name = `kayenta-import-e2e-${Date.now().toString(36)}`;
      // The demo source's canary config as Kayenta's editor shows it, with display units on two metrics.
      const units: Record<string, string> = { 'request-latency': 'ms', 'cpu-usage': '%' };
      const kayenta = {
        ...DEMO_CANARY_CONFIG,
        name: 'checkout-kayenta',
        metrics: DEMO_CANARY_CONFIG.metrics.map((m) => (units[m.name] ? { ...m, unit: units[m.name] } : m)),
      };
      const box = page.getByTestId('cj-config-import');
      await box.getByText('Import a Kayenta canary config (JSON)').click();
      await box.getByLabel('Kayenta canary config JSON').fill(JSON.stringify(kayenta));
      await box.getByRole('checkbox', { name: /save it as a shared canary config/ }).check();
      await box.getByLabel('Name of the new shared config').fill(name);
      await box.getByRole('button', { name: 'Import and save as shared' }).click();
      await expect
        .poll(() => box.getByRole('status').textContent(), { timeout: UI_WAIT_MS })
        .toBe(`Imported 3 metrics and saved them as shared config ${name} version 1; the stage now uses it.`);
      const payload = (await stageJsonOf(page))['payload'] as Record<string, unknown>;
      expect(payload['canaryConfigRef']).toEqual({ name, version: 1 });
      expect(payload['canaryConfig']).toBeUndefined();
      // The same name again: the judge refuses, and says so inside the box.
      await box.getByRole('button', { name: 'Import and save as shared' }).click();
      await expect
        .poll(() => box.getByRole('status').textContent(), { timeout: UI_WAIT_MS })
        .toMatch(new RegExp(`^The judge did not save shared config ${name}: HTTP 4\\d\\d: .+Nothing was imported\\.$`));
      await fullShot(page, 'deck-plugin-import-save-shared.png');

      await chooseScenario(page, 'latency-regression');
      const created = page.waitForResponse(
        (r) => r.request().method() === 'PUT' && r.url().includes('/v1/judgments/'),
        {
          timeout: UI_WAIT_MS,
        },
      );
      await page.locator('#demo-run').click();
      const judgmentUrl = (await created).url();
      await verdictShows(page, 'Fail');
      await expect
        .poll(() => page.getByTestId('cj-results-config-used').textContent(), { timeout: UI_WAIT_MS })
        .toBe(`Canary config: shared ${name} version 1`);

      // The results tab in Deck's column: value ticks carry the metric's unit, the time axis can show clock time.
      await page.getByTestId('cj-results-metric-detail').waitFor({ timeout: UI_WAIT_MS });
      await page.addStyleTag({ content: '[data-testid="cj-results"] { width: 420px; }' });
      const chart = page.getByRole('img', { name: /^request-latency: baseline and canary over/ });
      const yTicks = await chart.locator('.recharts-yAxis .recharts-cartesian-axis-tick-value').allTextContents();
      expect(yTicks.length).toBeGreaterThan(2);
      for (const t of yTicks) expect(t).toMatch(/^-?\d+(\.\d+)? (ms|s)$/);
      await page.getByTestId('cj-results-time-clock').check();
      const clockTicks = await chart.locator('.recharts-xAxis .recharts-cartesian-axis-tick-value').allTextContents();
      expect(clockTicks.length).toBeGreaterThan(1);
      for (const t of clockTicks) expect(t).toMatch(/^\d\d:\d\d$/);
      const root = await page.getByTestId('cj-results').evaluate((el) => ({
        width: el.getBoundingClientRect().width,
        scrollWidth: el.scrollWidth,
      }));
      expect(root.width).toBe(420);
      expect(root.scrollWidth).toBeLessThanOrEqual(420);
      await page.getByTestId('cj-results').screenshot({ path: join(ARTIFACTS, 'deck-plugin-results-420px-units.png') });
      await page.close();

      // The service's HTML report, read in a browser in another time zone: name and version, windows in local time.
      const context = await (browser as Browser).newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-US' });
      const report = await context.newPage();
      const cspErrors: string[] = [];
      report.on('console', (m) => {
        if (m.type() === 'error') cspErrors.push(m.text());
      });
      await report.goto(`${judgmentUrl}/report?format=html`, { timeout: UI_WAIT_MS });
      expect(await report.locator('body').textContent()).toContain(`shared config ${name} version 1`);
      await expect
        .poll(() => report.locator('#cj-tz').textContent(), { timeout: UI_WAIT_MS })
        .toMatch(/^Times in your time zone \(Asia\/(Kolkata|Calcutta)\)\.$/); // Chromium's ICU may say Calcutta
      const first = report.locator('time[datetime]').first();
      const iso = (await first.getAttribute('datetime')) ?? '';
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'short',
          timeZone: 'Asia/Kolkata',
        })
          .formatToParts(new Date(iso))
          .map((p) => [p.type, p.value]),
      );
      const local = `${parts['year']}-${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']} ${parts['timeZoneName']}`;
      expect(await first.textContent()).toMatch(new RegExp(`^${local.replace(/[+]/g, '\\+')}`));
      expect(await first.textContent()).not.toContain('UTC');
      expect(cspErrors).toEqual([]);
      await report.screenshot({ path: join(ARTIFACTS, 'service-html-report-local-time.png'), fullPage: true });
      await context.close();
    },
    openWide,
  );
});

/** Text whose contrast with the background behind it is below 4.5:1 (WCAG 2.2 SC 1.4.3), including SVG text. */
async function lowContrastText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const rgba = (c: string): number[] | null => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return null;
      const v = (m[1] as string)
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [v[0] ?? 0, v[1] ?? 0, v[2] ?? 0, v[3] ?? 1];
    };
    const lum = (c: number[]): number => {
      const [r, g, b] = c.slice(0, 3).map((x) => {
        const s = x / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    // The first opaque background colour of an HTML ancestor (SVG shapes behind the text are not considered).
    const background = (el: Element): number[] => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c && (c[3] as number) > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const out: string[] = [];
    const checked: number[] = [];
    const root = document.querySelector(sel);
    if (!root) return ['no element ' + sel];
    // Every element that owns visible text in an SVG (axis ticks and labels) or in a chart legend: the colour that
    // paints a text node is its parent's (a legend label's inner span, an SVG tspan).
    const owners = Array.from(
      root.querySelectorAll('svg text, svg tspan, .recharts-legend-item-text, .recharts-legend-item-text *'),
    );
    for (const el of owners) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
      if (!own || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      const fg = rgba(el instanceof SVGElement ? style.fill : style.color);
      if (!fg) continue;
      const [a, b] = [lum(fg), lum(background(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      if (ratio < 4.5)
        out.push(`"${(el.textContent ?? '').trim()}" ${ratio.toFixed(2)}:1 (${style.fill}/${style.color})`);
    }
    checked.push(owners.length);
    // Guard against checking nothing (e.g. the charts not rendered yet): at least one text per chart kind.
    if ((checked[0] ?? 0) < 10) out.push(`only ${checked[0] ?? 0} chart texts found`);
    return [...new Set(out)];
  }, selector);
}

/** axe-core's color-contrast rule alone over `selector`: the violations as `<target>: <summary>`. */
async function axeContrast(page: Page, selector: string): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            c: string,
            o: object,
          ) => Promise<{ violations: Array<{ nodes: Array<{ target: string[]; failureSummary?: string }> }> }>;
        };
      }
    ).axe;
    const r = await axe.run(sel, {
      runOnly: { type: 'rule', values: ['color-contrast'] },
      resultTypes: ['violations'],
    });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
  }, selector);
}

describe('issue 13: a failing canary explains itself; the what-if; text contrast', () => {
  pageTest(
    'header and Orca message of a failing canary, the what-if opened by keyboard, contrast ≥ 4.5:1, stage JSON',
    async (page) => {
      await judgeScenario(page, 'latency-regression', 'Fail');
      const verdict = page.getByTestId('cj-results-verdict');
      await page.getByTestId('cj-results-metric-detail').waitFor({ timeout: UI_WAIT_MS });

      // The message Orca shows in Deck and in notifications, and the header that says the same.
      const message = (await page.getByTestId('cj-results-message').textContent()) ?? '';
      expect(message).toMatch(/^FAIL 0\/100: critical metric request-latency is High/);
      expect(message).toMatch(/Report: http:\/\/127\.0\.0\.1:\d+\/v1\/judgments\/\S+\/report$/);
      writeFileSync(join(ARTIFACTS, 'orca-message.txt'), `${message}\n`);
      await verdict.locator('xpath=../..').screenshot({ path: join(ARTIFACTS, 'failing-canary-header.png') });

      // The what-if starts collapsed; its disclosure button works from the keyboard.
      const toggle = page.getByTestId('cj-whatif-toggle');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await page.getByTestId('cj-whatif-body').count()).toBe(0);
      await toggle.focus();
      await page.keyboard.press('Enter');
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await page.getByTestId('cj-whatif-verdict').waitFor({ timeout: UI_WAIT_MS });
      expect(await page.getByTestId('cj-whatif-verdict').textContent()).toContain('score 0');
      await page.keyboard.press('Space');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await page.keyboard.press('Enter');
      await page.getByTestId('cj-whatif-verdict').waitFor({ timeout: UI_WAIT_MS });
      // Effect sizes in the panel's unit: the stored 1.0 reads 0 %.
      expect(await page.getByLabel('request-latency allowed increase %').inputValue()).toBe('0');

      // Text contrast over the results tab with the what-if open, chart legends and axis labels included.
      expect(await axeContrast(page, '[data-testid="cj-results"]')).toEqual([]);
      expect(await lowContrastText(page, '[data-testid="cj-results"]')).toEqual([]);
      await page.getByTestId('cj-results').screenshot({ path: join(ARTIFACTS, 'deck-plugin-whatif-open.png') });

      // Copy as stage JSON: not critical any more → the simulated score moves; the copied stage judges to it.
      await page.getByLabel('request-latency critical', { exact: true }).uncheck();
      const simulated = /score ([\d.]+)/.exec((await page.getByTestId('cj-whatif-verdict').textContent()) ?? '')?.[1];
      expect(Number(simulated)).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Copy as stage JSON' }).click();
      await expect
        .poll(() => page.getByTestId('cj-whatif-copy-status').textContent(), { timeout: UI_WAIT_MS })
        .toMatch(/Copied|no clipboard access/);
      const stage = JSON.parse(await page.getByTestId('cj-whatif-stage-json').inputValue()) as {
        type: string;
        payload: Record<string, unknown>;
      };
      expect(stage.type).toBe('canaryJudge');
      // Orca resolves the SpEL of the informational spinnaker block before the call; here it is simply left out.
      const { spinnaker: _spel, ...payload } = stage.payload;
      const key = `whatif-${Date.now().toString(36)}`;
      const created = await fetch(`${baseUrl}/v1/judgments/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      expect(created.status, await created.clone().text()).toBeLessThan(300);
      await expect
        .poll(
          async () => ((await (await fetch(`${baseUrl}/v1/judgments/${key}`)).json()) as { status: string }).status,
          {
            timeout: VERDICT_WAIT_MS,
          },
        )
        .not.toBe('RUNNING');
      const judged = (await (await fetch(`${baseUrl}/v1/judgments/${key}`)).json()) as { score: number };
      expect(judged.score).toBe(Number(simulated));
    },
  );
});

describe('issue 13: the config panel at scale', () => {
  pageTest(
    '14 imported metrics fit one screen as a table; rows open with Enter; text contrast ≥ 4.5:1 (axe)',
    async (page) => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByText('Import a Kayenta canary config (JSON)').click();
      await page.getByLabel('Kayenta canary config JSON').fill(JSON.stringify(kayentaConfig14()));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const table = page.getByTestId('cj-config-metric-table');
      await expect.poll(() => table.locator('tbody tr.cj-metric-summary').count(), { timeout: UI_WAIT_MS }).toBe(14);
      expect(await page.locator('fieldset.cj-metric').count()).toBe(0);
      const payload = (await stageJsonOf(page))['payload'] as { canaryConfig: { metrics: unknown[] } };
      expect(payload.canaryConfig.metrics).toHaveLength(14);

      // One screen: with the metrics block ("Metrics" heading) at the top of a 1280 × 900 window, all 14 rows and the
      // group weights (with the running sum) are inside it.
      await page.locator('.cj-metrics-layout').evaluate((h) => h.scrollIntoView());
      const inView = await page.evaluate(() => {
        const rows = Array.from(document.querySelectorAll('[data-testid="cj-config-metric-table"] tbody tr'));
        const weights = document.querySelector('[data-testid="cj-config-weights"]') as HTMLElement;
        const boxes = [...rows, weights].map((e) => e.getBoundingClientRect());
        return {
          count: rows.length,
          top: Math.min(...boxes.map((b) => b.top)),
          bottom: Math.max(...boxes.map((b) => b.bottom)),
          height: window.innerHeight,
          weightsLeftOfTable: weights.getBoundingClientRect().left > rows[0]!.getBoundingClientRect().right - 1,
        };
      });
      expect(inView.count).toBe(14);
      expect(inView.top).toBeGreaterThanOrEqual(0);
      expect(inView.bottom).toBeLessThanOrEqual(inView.height);
      expect(inView.weightsLeftOfTable).toBe(true);
      expect(await page.getByTestId('cj-config-weight-sum').textContent()).toBe('Sum: 100 of 100 ✔');
      await page.screenshot({ path: join(ARTIFACTS, 'panel-14-metrics.png') });

      // Keyboard: Enter on a row's name opens its editor; the query editor is a monospace, resizable textarea.
      await page.getByRole('button', { name: /request-latency-p99$/ }).focus();
      await page.keyboard.press('Enter');
      const editor = page.getByTestId('cj-config-metric-2');
      await editor.waitFor({ timeout: UI_WAIT_MS });
      await page.screenshot({ path: join(ARTIFACTS, 'panel-14-metrics-row-open.png') });
      const query = editor.getByLabel('Demo series (latency, errors, cpu)');
      expect(await query.evaluate((e) => e.tagName)).toBe('TEXTAREA');
      const style = await query.evaluate((e) => {
        const s = getComputedStyle(e);
        return { font: s.fontFamily, resize: s.resize };
      });
      expect(style.font).toMatch(/mono|Menlo|Consolas/i);
      expect(style.resize).toBe('vertical');

      // Remove with the keyboard: focus goes to the next row; Undo puts the metric back at its place.
      await page.getByRole('button', { name: 'Remove metric 4' }).focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('cache-latency');
      const undo = page.getByTestId('cj-config-undo-remove');
      expect(await undo.textContent()).toBe('Metric db-query-latency removed — Undo');
      await undo.getByRole('button', { name: 'Undo' }).click();
      const names = (
        (await stageJsonOf(page))['payload'] as { canaryConfig: { metrics: Array<{ name: string }> } }
      ).canaryConfig.metrics.map((m) => m.name);
      expect(names[3]).toBe('db-query-latency');
      expect(names).toHaveLength(14);

      // An error shown in the table and the summary (contrast of error text too), then axe's color-contrast rule over
      // the whole panel (the component test contrast.test.tsx checks each text of the panel as well).
      await page.getByLabel('errors %').fill('35');
      await expect.poll(() => page.getByTestId('cj-config-weight-sum').textContent()).toContain('must sum to 100');
      expect(await axeContrast(page, '[data-testid="cj-config"]')).toEqual([]);
    },
  );
});
