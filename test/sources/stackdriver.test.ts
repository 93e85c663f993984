/**
 * The judge service with a `stackdriver` source against the Cloud Monitoring stand-in (service-account key exchanged
 * at the stand-in's token endpoint): a healthy canary passes, a latency regression fails, and bad Stackdriver query
 * configs are refused with 400 naming the field.
 */
import { describe, expect, it } from 'vitest';
import { STACKDRIVER_ACCESS_TOKEN, stackdriverStandIn } from '../support/stand-ins/stackdriver';
import { judgeWithStage, standInRequest, useStandInRig } from './stand-in-judgment';

const rig = useStandInRig(stackdriverStandIn, (url) =>
  new URL(url, 'http://x').searchParams.get('filter')?.includes('custom.googleapis.com/latency"') ? 'latency' : 'cpu',
);

describe('judge service with a stackdriver source (Cloud Monitoring stand-in)', () => {
  it('healthy canary → PASS, after one token exchange and bearer-authenticated timeSeries.list calls', async () => {
    const out = await judgeWithStage(rig(), standInRequest(stackdriverStandIn, 'checkout-canary'));
    expect(out.status).toBe('SUCCEEDED');
    expect(out.body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const lists = rig().store.requests.filter((r) => r.url.startsWith('/v3/'));
    expect(lists.length).toBeGreaterThanOrEqual(4);
    expect(lists.every((r) => r.headers.authorization === `Bearer ${STACKDRIVER_ACCESS_TOKEN}`)).toBe(true);
    expect(rig().store.requests.filter((r) => r.url === '/token')).toHaveLength(1);
  });

  it('latency regression → FAIL, latency High, cpu Pass', async () => {
    const out = await judgeWithStage(rig(), standInRequest(stackdriverStandIn, 'checkout-canary-slow'));
    expect(out.status).toBe('TERMINAL');
    expect(out.body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    expect(out.classes).toEqual({ latency: 'High', cpu: 'Pass' });
  });

  it.each<[string, (q: Record<string, unknown>, templates: Record<string, string>) => void, RegExp]>([
    ['another store’s query type', (q) => (q['type'] = 'prometheus'), /query.type is "prometheus"/],
    ['no metricType', (q) => delete q['metricType'], /query.metricType is required/],
    [
      'an unknown placeholder',
      (q) => (q['customInlineTemplate'] = 'resource.labels.cluster_name=${cluster}'),
      /uses the placeholder \$\{cluster\}/,
    ],
    [
      'a template name that is not in canaryConfig.templates',
      (q) => {
        delete q['customInlineTemplate'];
        q['customFilterTemplate'] = 'byGroup';
      },
      /customFilterTemplate "byGroup" is not in canaryConfig.templates/,
    ],
    ['an unknown aligner', (q) => (q['perSeriesAligner'] = 'ALIGN_AVERAGE'), /query.perSeriesAligner "ALIGN_AVERAGE"/],
  ])('%s → 400 naming the field', async (_title, edit, message) => {
    const request = standInRequest(stackdriverStandIn, 'checkout-canary', (config) => {
      config.templates = {};
      edit(config.metrics[1]!.query!, config.templates);
    });
    const out = await judgeWithStage(rig(), request);
    expect(out.status).toBe('TERMINAL');
    expect(out.httpStatus).toBe(400);
    const error = out.body.error as { code: string; message: string; field: string };
    expect(error.field).toMatch(/^canaryConfig\.metrics\[1\]\.query(\.type)?$/);
    expect(error.message).toMatch(message);
  });
});
