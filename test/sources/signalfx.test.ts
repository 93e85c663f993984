/**
 * The judge service with a `signalfx` source against the SignalFlow stand-in (X-SF-TOKEN, text/event-stream
 * answers): a healthy canary passes, a latency regression fails, and bad SignalFx query configs are refused with 400
 * naming the field.
 */
import { describe, expect, it } from 'vitest';
import { SIGNALFX_TOKEN, signalfxStandIn } from '../support/stand-ins/signalfx';
import { judgeWithStage, standInRequest, useStandInRig, expectRefused } from './stand-in-judgment';

const rig = useStandInRig(signalfxStandIn, (_url, body) => (body.startsWith("data('latency'") ? 'latency' : 'cpu'));

describe('judge service with a signalfx source (SignalFlow stand-in)', () => {
  it('healthy canary → PASS, every execute call carrying X-SF-TOKEN and a Kayenta-built program', async () => {
    const out = await judgeWithStage(rig(), standInRequest(signalfxStandIn, 'checkout-canary'));
    expect(out.status).toBe('SUCCEEDED');
    expect(out.body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const calls = rig().store.requests;
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(calls.every((r) => r.method === 'POST' && r.headers['x-sf-token'] === SIGNALFX_TOKEN)).toBe(true);
    expect(calls.map((r) => r.body)).toContain(
      "data('latency', filter=filter('app', 'checkout') and filter('canary-scope', 'checkout-baseline')).mean(by=['canary-scope']).publish()",
    );
  });

  it('latency regression → FAIL, latency High, cpu Pass', async () => {
    const out = await judgeWithStage(rig(), standInRequest(signalfxStandIn, 'checkout-canary-slow'));
    expect(out.status).toBe('TERMINAL');
    expect(out.body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    expect(out.classes).toEqual({ latency: 'High', cpu: 'Pass' });
  });

  it.each<[string, (q: Record<string, unknown>) => void, RegExp]>([
    ['another store’s query type', (q) => (q['type'] = 'stackdriver'), /query.type is "stackdriver"/],
    ['no metricName', (q) => delete q['metricName'], /query.metricName is required/],
    [
      'an unknown placeholder',
      (q) => (q['customInlineTemplate'] = "data('cpu', filter=filter('cluster', '${cluster}')).mean().publish()"),
      /uses the placeholder \$\{cluster\}/,
    ],
    ['an unknown aggregationMethod', (q) => (q['aggregationMethod'] = 'average'), /query.aggregationMethod "average"/],
  ])('%s → 400 naming the field', async (_title, edit, message) => {
    const request = standInRequest(signalfxStandIn, 'checkout-canary', (config) => edit(config.metrics[1]!.query!));
    const out = await judgeWithStage(rig(), request);
    expect(out.status).toBe('TERMINAL');
    expectRefused(out, /^canaryConfig\.metrics\[1\]\.query(\.type)?$/, message);
  });
});
