import { describe, expect, it } from 'vitest';
import {
  atlasCommonQuery,
  atlasGroupByKeys,
  buildAtlasQuery,
  checkAtlasQuery,
  isoDuration,
  type AtlasScope,
} from './atlas-query';
import { knownPlaceholders } from './template';
import { badQueryMessage, metricOf } from '../testing/source-harness';

const metric = metricOf('cpu');
const where = (over: Partial<AtlasScope> = {}): AtlasScope => ({
  scope: 'myapp-canary',
  location: 'us-east-1',
  params: {},
  side: 'experiment',
  ...over,
});

describe('buildAtlasQuery (AtlasMetricsService.buildQuery, AtlasCanaryScope.cq)', () => {
  it.each<[string, Record<string, unknown>, Partial<AtlasScope>, string]>([
    [
      'Kayenta’s sample cpu query, default scope type cluster',
      { type: 'atlas', q: 'name,CpuRawUser,:eq,:sum' },
      {},
      'name,CpuRawUser,:eq,:sum,:list,(,nf.cluster,myapp-canary,:eq,:cq,),:each',
    ],
    [
      'Kayenta’s sample grouped query, scope type asg',
      { type: 'atlas', q: 'name,apache.http.requests,:eq,(,requestCode,),:by,:sum' },
      { scope: 'myapp-canary-v001', params: { type: 'asg' } },
      'name,apache.http.requests,:eq,(,requestCode,),:by,:sum,:list,(,nf.asg,myapp-canary-v001,:eq,:cq,),:each',
    ],
    [
      'scope type query (the scope is an expression)',
      { q: 'name,CpuRawUser,:eq,:sum' },
      { scope: 'nf.app,myapp,:eq,nf.stack,canary,:eq,:and', params: { type: 'query' } },
      'name,CpuRawUser,:eq,:sum,:list,(,nf.app,myapp,:eq,nf.stack,canary,:eq,:and,:cq,),:each',
    ],
    [
      'the Kayenta docs’ inline template (the whole expression)',
      { customInlineTemplate: 'name,requestsPerSecond,:eq,:list,(,nf.cluster,${scope},:eq,:cq,),:each' },
      {},
      'name,requestsPerSecond,:eq,:list,(,nf.cluster,myapp-canary,:eq,:cq,),:each',
    ],
    [
      'a template with the scope bindings and their defaults',
      { customInlineTemplate: 'name,x,:eq,nf.region,${location},:eq,:and,env,${environment},:eq,:and,(,${type},),:by' },
      {},
      'name,x,:eq,nf.region,us-east-1,:eq,:and,env,test,:eq,:and,(,cluster,),:by',
    ],
  ])('%s', (_title, query, over, expected) => {
    expect(buildAtlasQuery(metric(query), { requestsTemplate: 'x' }, where(over))).toBe(expected);
  });

  it('a named template from canaryConfig.templates (Kayenta docs example)', () => {
    expect(
      buildAtlasQuery(
        metric({ type: 'atlas', customFilterTemplate: 'requestsTemplate' }),
        { requestsTemplate: 'name,requestsPerSecond,:eq,:list,(,nf.cluster,${scope},:eq,:cq,),:each' },
        where(),
      ),
    ).toBe('name,requestsPerSecond,:eq,:list,(,nf.cluster,myapp-canary,:eq,:cq,),:each');
  });

  it.each<[string, Record<string, unknown>, Partial<AtlasScope>, RegExp]>([
    ['no q', { type: 'atlas' }, {}, /query.q is required/],
    [
      'an unknown scope type',
      { q: 'name,x,:eq' },
      { params: { type: 'app' } },
      /extendedScopeParams.type "app" is not one of cluster, asg, query/,
    ],
    ['a comma in a cluster scope', { q: 'name,x,:eq' }, { scope: 'a,:drop' }, /holds a comma/],
    [
      '${location} without a location',
      { customInlineTemplate: 'name,x,:eq,nf.region,${location},:eq,:and' },
      { location: undefined },
      /\$\{location\} has no value/,
    ],
  ])('refuses %s', (_title, query, over, message) => {
    expect(badQueryMessage(() => buildAtlasQuery(metric(query), {}, where(over)))).toMatch(message);
  });

  it('check: another type, unknown placeholders; Kayenta’s scope bindings are known', () => {
    const known = knownPlaceholders({});
    expect(() => checkAtlasQuery(metric({ type: 'signalfx', q: 'x' }), {}, known)).toThrow(/query.type is "signalfx"/);
    expect(() => checkAtlasQuery(metric({ customInlineTemplate: 'a,${nope},:eq' }), {}, known)).toThrow(/\$\{nope\}/);
    expect(() =>
      checkAtlasQuery(
        metric({ customInlineTemplate: '${type},${deployment},${dataset},${environment},${accountId},${scope}' }),
        {},
        known,
      ),
    ).not.toThrow();
  });
});

describe('Atlas helpers', () => {
  it('cq() for each scope type', () => {
    expect(atlasCommonQuery('cluster', 'c')).toBe(':list,(,nf.cluster,c,:eq,:cq,),:each');
    expect(atlasCommonQuery('asg', 'a')).toBe(':list,(,nf.asg,a,:eq,:cq,),:each');
    expect(atlasCommonQuery('query', 'k,v,:eq')).toBe(':list,(,k,v,:eq,:cq,),:each');
  });

  it('group-by keys of an expression', () => {
    expect(atlasGroupByKeys('name,apache.http.requests,:eq,(,requestCode,),:by,:sum')).toEqual(['requestCode']);
    expect(atlasGroupByKeys('name,a,:eq,(,nf.zone,status,),:by,name,b,:eq,(,status,),:by')).toEqual([
      'nf.zone',
      'status',
    ]);
    expect(atlasGroupByKeys('name,CpuRawUser,:eq,:sum')).toEqual([]);
  });

  it('Java Duration.toString() of the step (Kayenta sends it so)', () => {
    expect([10, 60, 90, 300, 3600, 5400].map(isoDuration)).toEqual([
      'PT10S',
      'PT1M',
      'PT1M30S',
      'PT5M',
      'PT1H',
      'PT1H30M',
    ]);
  });
});
