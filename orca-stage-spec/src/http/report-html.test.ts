import { afterEach, describe, expect, it } from 'vitest';
import { judge, type JudgmentRequest } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { createSharedConfig, sendJson, testService } from '../testing/fixtures';
import { createHash } from 'node:crypto';
import { DEMO_CANARY_CONFIG } from '../demo/demo-request';
import { LOCAL_TIME_SCRIPT, REPORT_HTML_CSP, escapeHtml, sparkline, timeHtml } from './report-html';

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

/** Starts a service judged by the real judge (closed after the test), holding judgment `k` when `request` is given. */
async function startService(request?: JudgmentRequest) {
  const s = await testService({}, { judge });
  svc = s;
  if (request) await s.service.create('k', request);
  return s;
}

/** Judgment `k`'s report page, as a browser asks for it with `?format=html`. */
function htmlReport(s: RunningService) {
  return s.app.inject({ method: 'GET', url: '/v1/judgments/k/report?format=html' });
}

describe('HTML report', () => {
  it('escapes text', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('a running judgment’s page reloads itself', async () => {
    const s = await startService(demoRequest('healthy'));
    const res = await htmlReport(s);
    expect(res.body).toContain('<meta http-equiv="refresh" content="15">');
    expect(res.body).toContain('<p class="verdict v-RUNNING">RUNNING');
  });

  it('draws both series, and says "no data" when both sides are empty', () => {
    const svg = sparkline({
      control: { timestamps: [0, 1, 2], values: [1, 2, 'NaN'] },
      experiment: { timestamps: [0, 1], values: [3, 4] },
    });
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(sparkline({ control: { timestamps: [], values: [] } })).toContain('no data');
  });

  it('is served to browsers and with ?format=html; JSON stays the default', async () => {
    const s = await startService();
    const req = demoRequest('latency-regression');
    req.scopes.experimentScope = 'canary-latency-regression-<b>bold</b>';
    await s.service.create('k', req);
    s.clock.advance(30 * 60_000);
    await s.scheduler.runOnce();

    const browser = await s.app.inject({
      method: 'GET',
      url: '/v1/judgments/k/report',
      headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' },
    });
    expect(browser.headers['content-type']).toContain('text/html');
    expect(browser.headers['content-security-policy']).toContain("default-src 'none'");
    expect(browser.headers['x-content-type-options']).toBe('nosniff');
    expect(browser.body).toContain('<p class="verdict v-FAIL">FAIL');
    expect(browser.body).not.toContain('http-equiv="refresh"'); // finished: no reload
    expect(browser.body).toContain('request-latency');
    expect(browser.body).toContain('<svg');
    expect(browser.body).toContain('canary-latency-regression-&lt;b&gt;bold&lt;/b&gt;');
    expect(browser.body).not.toContain('<b>bold</b>');

    const forced = await htmlReport(s);
    expect(forced.headers['content-type']).toContain('text/html');

    const json = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report' });
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json().judgment.verdict).toBe('FAIL');
  });
});

describe('HTML report: what the results view shows (issue 13)', () => {
  it('shows scopes with locations, the config name, Orca bands, group scores, a trend chart and times with "in N min"', async () => {
    const s = await startService(demoRequest('latency-regression'));
    const before = await htmlReport(s);
    expect(before.body).toContain('2024-05-01 12:10 UTC (in 10 min)');
    s.clock.advance(30 * 60_000);
    for (let i = 0; i < 3; i++) await s.scheduler.runOnce();
    const res = await htmlReport(s);
    expect(res.body).toContain('baseline checkout-baseline in us-east-1');
    expect(res.body).toContain('canary checkout-canary-latency-regression in us-east-1');
    expect(res.body).toContain('config demo-checkout');
    expect(res.body).toContain('Fail ≤ 50 · Marginal &gt; 50 and &lt; 75 · Pass ≥ 75');
    expect(res.body).toMatch(/<li>latency: 50<\/li>/);
    expect(res.body).toContain('<h3>Interval 2: not judged (the judgment ended)</h3>');
    expect(res.body).toContain('aria-label="score per interval against the bands"');
    expect(res.body).toContain('FAIL 0/100: critical metric request-latency is High');
  });

  it('says CANCELED for the intervals a cancelled judgment never judged', async () => {
    const s = await startService(demoRequest('healthy'));
    await s.service.cancel('k');
    const res = await htmlReport(s);
    expect(res.body).toContain('<h3>Interval 1: CANCELED</h3>');
    expect(res.body).not.toContain('PENDING');
  });
});

describe('HTML report: shared config, scopes and local time (issue 11)', () => {
  it('names the shared config and the version the judgment used', async () => {
    const s = await startService();
    const created = await createSharedConfig(s, 'checkout-<lib>');
    // The name pattern refuses markup; a plain name then.
    expect(created.statusCode).toBe(400);
    for (const config of [DEMO_CANARY_CONFIG, { ...DEMO_CANARY_CONFIG, description: 'v2' }]) {
      const res =
        config === DEMO_CANARY_CONFIG
          ? await createSharedConfig(s, 'checkout-lib', config)
          : await sendJson(s, 'PUT', '/v1/canary-configs/checkout-lib', { config });
      expect(res.statusCode).toBeLessThan(300);
    }
    const { canaryConfig: _inline, ...rest } = demoRequest('healthy');
    const put = await sendJson(s, 'PUT', '/v1/judgments/k', {
      ...rest,
      canaryConfigRef: { name: 'checkout-lib', version: 'latest' },
    });
    expect(put.statusCode).toBe(201);
    const res = await htmlReport(s);
    expect(res.body).toContain('shared config <strong>checkout-lib</strong> version 2');
    expect(res.body).not.toContain('inline in the stage');

    await s.service.create('k2', demoRequest('healthy'));
    const inline = await s.app.inject({ method: 'GET', url: '/v1/judgments/k2/report?format=html' });
    expect(inline.body).toContain('config demo-checkout (inline in the stage)');
    expect(inline.body).not.toContain('shared config');
  });

  it('lists every named scope with its baseline/canary scope and location, and the scope of each metric', async () => {
    const s = await startService();
    const req = demoRequest('latency-regression');
    req.namedScopes = {
      'eu-west': {
        controlScope: 'checkout-baseline-eu',
        experimentScope: 'checkout-canary-eu',
        controlLocation: 'eu-west-1',
        experimentLocation: 'eu-west-<2>',
      },
    };
    // A copy: the demo config object is shared by every demo request.
    const metrics = req.canaryConfig!.metrics.map((m, i) => (i === 1 ? { ...m, scopeName: 'eu-west' } : m));
    req.canaryConfig = { ...req.canaryConfig!, metrics };
    await s.service.create('k', req);
    s.clock.advance(30 * 60_000);
    await s.scheduler.runOnce();
    const res = await htmlReport(s);
    expect(res.body).toContain(
      '<tr><td>default</td><td>checkout-baseline</td><td>us-east-1</td><td>checkout-canary-latency-regression</td><td>us-east-1</td></tr>',
    );
    expect(res.body).toContain(
      '<tr><td>eu-west</td><td>checkout-baseline-eu</td><td>eu-west-1</td><td>checkout-canary-eu</td><td>eu-west-&lt;2&gt;</td></tr>',
    );
    expect(res.body).toContain(`${metrics[1]!.name}<br><span class="muted">scope eu-west</span>`);
    expect(res.body).toContain(`${metrics[0]!.name}<br><span class="muted">scope default</span>`);
    // No unit configured: plain means.
    expect(res.body).toMatch(/<td>[\d.]+ \(n=\d+\)<\/td>/);
  });

  it('writes windows as <time> in UTC, and allows exactly its local-time script by hash', async () => {
    expect(timeHtml('2024-05-01T12:10:00Z', Date.parse('2024-05-01T12:00:00Z'))).toBe(
      '<time datetime="2024-05-01T12:10:00Z">2024-05-01 12:10 UTC (in 10 min)</time>',
    );
    expect(timeHtml('not a time', 0)).toBe('not a time');
    const s = await startService(demoRequest('healthy'));
    const res = await htmlReport(s);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(REPORT_HTML_CSP);
    const scripts = [...res.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
    expect(scripts).toEqual([LOCAL_TIME_SCRIPT]);
    const hash = createHash('sha256')
      .update(scripts[0] as string)
      .digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    // script-src holds only the hash: no 'unsafe-inline' scripts, no other source.
    expect(
      csp
        .split(';')
        .map((d) => d.trim())
        .filter((d) => d.startsWith('script-src')),
    ).toEqual([`script-src 'sha256-${hash}'`]);
    expect(res.body).toMatch(/canary <time datetime="[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    expect(res.body).toContain('<p id="cj-tz" class="muted">Times in UTC.</p>');
  });

  it("prints each metric's unit after its means", async () => {
    const s = await startService();
    const req = demoRequest('latency-regression');
    req.canaryConfig = {
      ...req.canaryConfig!,
      metrics: req.canaryConfig!.metrics.map((m, i) =>
        i === 0 ? { ...m, unit: 'ms' } : i === 2 ? { ...m, unit: '%' } : m,
      ),
    };
    await s.service.create('k', req);
    s.clock.advance(30 * 60_000);
    await s.scheduler.runOnce();
    const res = await htmlReport(s);
    const row = (name: string) => new RegExp(`<tr><td>${name}</td>.*?</tr>`).exec(res.body)?.[0] ?? '';
    expect(row(req.canaryConfig.metrics[0]!.name)).toMatch(
      /<td>[\d.]+ ms \(n=\d+\)<\/td><td>[\d.]+ ms \(n=\d+\)<\/td>/,
    );
    expect(row(req.canaryConfig.metrics[2]!.name)).toMatch(/<td>[\d.]+% \(n=\d+\)<\/td>/);
    expect(row(req.canaryConfig.metrics[1]!.name)).toMatch(/<td>[\d.]+ \(n=\d+\)<\/td>/);
  });
});
