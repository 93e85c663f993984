/**
 * The judge service with an `atlas` source against the Atlas graph-API stand-in: a healthy canary passes, a latency
 * regression fails, and bad Atlas query configs are refused with 400 naming the field.
 */
import { describe, expect, it } from 'vitest';
import { atlasStandIn } from '../support/stand-ins/atlas';
import { judgeWithStage, standInRequest, useStandInRig, expectRefused } from './stand-in-judgment';

const rig = useStandInRig(atlasStandIn, (url) =>
  new URL(url, 'http://x').searchParams.get('q')?.startsWith('name,latency,:eq') ? 'latency' : 'cpu',
);

describe('judge service with an atlas source (graph API stand-in)', () => {
  it('healthy canary → PASS, with Kayenta’s scoped expressions', async () => {
    const out = await judgeWithStage(rig(), standInRequest(atlasStandIn, 'checkout-canary'));
    expect(out.status).toBe('SUCCEEDED');
    expect(out.body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const expressions = rig().store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('q'));
    expect(expressions).toContain('name,latency,:eq,:avg,:list,(,nf.cluster,checkout-baseline,:eq,:cq,),:each');
    expect(expressions).toContain('name,cpu,:eq,:avg,:list,(,nf.cluster,checkout-canary,:eq,:cq,),:each');
  });

  it('latency regression → FAIL, latency High, cpu Pass', async () => {
    const out = await judgeWithStage(rig(), standInRequest(atlasStandIn, 'checkout-canary-slow'));
    expect(out.status).toBe('TERMINAL');
    expect(out.body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    expect(out.classes).toEqual({ latency: 'High', cpu: 'Pass' });
  });

  it.each<[string, (q: Record<string, unknown>) => void, RegExp]>([
    ['another store’s query type', (q) => (q['type'] = 'prometheus'), /query.type is "prometheus"/],
    ['no q', (q) => delete q['q'], /query.q is required/],
    [
      'an unknown placeholder',
      (q) => (q['customInlineTemplate'] = 'name,cpu,:eq,nf.stack,${stack},:eq,:and'),
      /uses the placeholder \$\{stack\}/,
    ],
  ])('%s → 400 naming the field', async (_title, edit, message) => {
    const request = standInRequest(atlasStandIn, 'checkout-canary', (config) => edit(config.metrics[1]!.query!));
    const out = await judgeWithStage(rig(), request);
    expect(out.status).toBe('TERMINAL');
    expectRefused(out, /^canaryConfig\.metrics\[1\]\.query(\.type)?$/, message);
  });
});
