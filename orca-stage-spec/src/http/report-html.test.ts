import { afterEach, describe, expect, it } from 'vitest';
import { judge } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { testService } from '../testing/fixtures';
import { escapeHtml, sparkline } from './report-html';

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

describe('HTML report', () => {
  it('escapes text', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('a running judgment’s page reloads itself', async () => {
    const s = await testService({}, { judge });
    svc = s;
    await s.service.create('k', demoRequest('healthy'));
    const res = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report?format=html' });
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
    const s = await testService({}, { judge });
    svc = s;
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

    const forced = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report?format=html' });
    expect(forced.headers['content-type']).toContain('text/html');

    const json = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report' });
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json().judgment.verdict).toBe('FAIL');
  });
});

describe('HTML report: what the results view shows (issue 13)', () => {
  it('shows scopes with locations, the config name, Orca bands, group scores, a trend chart and times with "in N min"', async () => {
    const s = await testService({}, { judge });
    svc = s;
    await s.service.create('k', demoRequest('latency-regression'));
    const before = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report?format=html' });
    expect(before.body).toContain('2024-05-01 12:10 UTC (in 10 min)');
    s.clock.advance(30 * 60_000);
    for (let i = 0; i < 3; i++) await s.scheduler.runOnce();
    const res = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report?format=html' });
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
    const s = await testService({}, { judge });
    svc = s;
    await s.service.create('k', demoRequest('healthy'));
    await s.service.cancel('k');
    const res = await s.app.inject({ method: 'GET', url: '/v1/judgments/k/report?format=html' });
    expect(res.body).toContain('<h3>Interval 1: CANCELED</h3>');
    expect(res.body).not.toContain('PENDING');
  });
});
