import { describe, expect, it } from 'vitest';
import { customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import { buildStackdriverList, checkStackdriverQuery, type StackdriverScope } from './stackdriver-query';
import { knownPlaceholders } from './template';
import { badQueryMessage, metricOf } from '../testing/source-harness';

const metric = metricOf('cpu');
const CPU = 'compute.googleapis.com/instance/cpu/utilization';

const where = (over: Partial<StackdriverScope> = {}): StackdriverScope => ({
  scope: 'myapp-dev-v001',
  location: 'us-east1',
  project: 'my-project',
  params: {},
  side: 'experiment',
  startMs: Date.parse('2024-05-01T12:00:00Z'),
  endMs: Date.parse('2024-05-01T12:10:00Z'),
  stepSeconds: 60,
  ...over,
});

describe('Kayenta custom filter templates (QueryConfigUtils.expandCustomFilter, StackdriverCanaryMetricSetQueryConfigSpec)', () => {
  // The bindings of the spec's "Can use predefined variables in custom filter template".
  const bindings = {
    project: 'my-project',
    resourceType: 'gce_instance',
    scope: 'myapp-dev-v001',
    location: 'us-east1',
    key1: 'value-1',
  };
  it.each([
    ['A test: myGroupName=${scope} key1=${key1}.', 'A test: myGroupName=myapp-dev-v001 key1=value-1.'],
    ['A test: project=${project} key1=${key1}.', 'A test: project=my-project key1=value-1.'],
    ['A test: resourceType=${resourceType} key1=${key1}.', 'A test: resourceType=gce_instance key1=value-1.'],
    ['A test: scope=${scope} key1=${key1}.', 'A test: scope=myapp-dev-v001 key1=value-1.'],
    ['A test: region=${location} key1=${key1}.', 'A test: region=us-east1 key1=value-1.'],
    // Stored escaped, as Kayenta saves templates.
    ['A test: region=$\\{location} key1=$\\{key1}.', 'A test: region=us-east1 key1=value-1.'],
  ])('template %s → %s', (template, expected) => {
    const m = metric({ customFilterTemplate: 'my-template' });
    const custom = customTemplateOf(m, { 'my-template': template });
    expect(custom).toBeDefined();
    expect(expandCustomTemplate(m, custom!, bindings)).toBe(expected);
  });

  it('the inline template wins over the named one (the spec’s precedence table)', () => {
    const m = metric({ customFilterTemplate: 'my-template', customInlineTemplate: 'An inline template: ${key1}.' });
    const custom = customTemplateOf(m, { 'my-template': 'A test: key1=${key1}.' });
    expect(expandCustomTemplate(m, custom!, { key1: 'value-1' })).toBe('An inline template: value-1.');
  });

  it('a missing variable is an error naming it (the spec’s "Missing variable throws an exception")', () => {
    const m = metric({ customFilterTemplate: 'my-template' });
    const custom = customTemplateOf(m, { 'my-template': 'A test: key1=${key1} key2=${key2}.' });
    const message = badQueryMessage(() => expandCustomTemplate(m, custom!, { key3: 'value-3', key4: 'value-4' }));
    expect(message).toContain('canaryConfig.templates.my-template');
    expect(message).toContain('${key1}');
  });

  it('refuses an unknown template name and the deprecated customFilter', () => {
    expect(badQueryMessage(() => customTemplateOf(metric({ customFilterTemplate: 'x' }), { y: 'a' }))).toMatch(
      /customFilterTemplate "x" is not in canaryConfig.templates \(has: y\)/,
    );
    expect(badQueryMessage(() => customTemplateOf(metric({ customFilter: 'a=b' }), {}))).toMatch(
      /query.customFilter is deprecated/,
    );
  });
});

describe('buildStackdriverList (StackdriverMetricsService.buildQuery)', () => {
  it.each<[string, Record<string, unknown>, Partial<StackdriverScope>, string]>([
    [
      'gce_instance: project, spinnaker-region and spinnaker-server-group',
      { metricType: CPU, resourceType: 'gce_instance' },
      {},
      `metric.type="${CPU}" AND resource.type=gce_instance AND project=my-project AND metadata.user_labels."spinnaker-region"=us-east1 AND metadata.user_labels."spinnaker-server-group"=myapp-dev-v001`,
    ],
    [
      'gce_instance with extendedScopeParams.project',
      { metricType: CPU, resourceType: 'gce_instance' },
      { params: { project: 'other-project' } },
      `metric.type="${CPU}" AND resource.type=gce_instance AND project=other-project AND metadata.user_labels."spinnaker-region"=us-east1 AND metadata.user_labels."spinnaker-server-group"=myapp-dev-v001`,
    ],
    [
      'aws_ec2_instance: region aws:<location> and the autoscaling group',
      { metricType: 'aws.googleapis.com/EC2/CPUUtilization/Average', resourceType: 'aws_ec2_instance' },
      { scope: 'myapp-v002', location: 'us-west-2' },
      'metric.type="aws.googleapis.com/EC2/CPUUtilization/Average" AND resource.type=aws_ec2_instance AND resource.labels.region="aws:us-west-2" AND metadata.user_labels."aws:autoscaling:groupname"=myapp-v002',
    ],
    [
      'gae_app: version_id = scope, module_id = extendedScopeParams.service',
      { metricType: 'appengine.googleapis.com/http/server/response_latencies', resourceType: 'gae_app' },
      { scope: 'v2', location: undefined, params: { service: 'default' } },
      'metric.type="appengine.googleapis.com/http/server/response_latencies" AND resource.type=gae_app AND project=my-project AND resource.labels.version_id=v2 AND resource.labels.module_id=default',
    ],
    [
      'k8s_container: resource labels in Kayenta’s order, then user labels',
      { metricType: 'kubernetes.io/container/cpu/core_usage_time', resourceType: 'k8s_container' },
      {
        params: {
          'user_labels.app': 'checkout',
          namespace_name: 'prod',
          cluster_name: 'c1',
          unrelated: 'x',
        },
      },
      'metric.type="kubernetes.io/container/cpu/core_usage_time" AND resource.type=k8s_container AND project=my-project AND resource.labels.cluster_name=c1 AND resource.labels.namespace_name=prod AND metadata.user_labels."app"="checkout"',
    ],
    [
      'gke_container: its own resource labels',
      { metricType: 'container.googleapis.com/container/cpu/utilization', resourceType: 'gke_container' },
      { params: { zone: 'us-central1-a', pod_id: 'p1' } },
      'metric.type="container.googleapis.com/container/cpu/utilization" AND resource.type=gke_container AND project=my-project AND resource.labels.pod_id=p1 AND resource.labels.zone=us-central1-a',
    ],
    [
      'global: nothing more',
      { metricType: 'custom.googleapis.com/latency', resourceType: 'global' },
      {},
      'metric.type="custom.googleapis.com/latency" AND resource.type=global',
    ],
    [
      'resource type from extendedScopeParams, custom filter ANDed on (the Kayenta docs example)',
      {
        metricType: CPU,
        customInlineTemplate:
          'metadata.user_labels."spinnaker-server-group"=${scope} AND metadata.user_labels."spinnaker-region"=${location}',
      },
      { params: { resourceType: 'gce_instance' } },
      `metric.type="${CPU}" AND resource.type=gce_instance AND metadata.user_labels."spinnaker-server-group"=myapp-dev-v001 AND metadata.user_labels."spinnaker-region"=us-east1`,
    ],
    [
      'any resource type with a custom filter',
      {
        metricType: 'run.googleapis.com/request_latencies',
        resourceType: 'cloud_run_revision',
        customInlineTemplate: 'resource.labels.revision_name="${scope}"',
      },
      {},
      'metric.type="run.googleapis.com/request_latencies" AND resource.type=cloud_run_revision AND resource.labels.revision_name="myapp-dev-v001"',
    ],
  ])('%s', (_title, query, over, filter) => {
    expect(buildStackdriverList(metric(query), {}, where(over)).filter).toBe(filter);
  });

  it('sends the window as RFC 3339, the step as alignment period, Kayenta’s default aligner/reducer and each groupByField', () => {
    const list = buildStackdriverList(
      metric({
        metricType: CPU,
        resourceType: 'global',
        groupByFields: ['resource.labels.zone', 'metric.labels.code'],
      }),
      {},
      where(),
    );
    expect(list.name).toBe('projects/my-project');
    expect(list.params).toEqual([
      ['filter', `metric.type="${CPU}" AND resource.type=global`],
      ['interval.startTime', '2024-05-01T12:00:00Z'],
      ['interval.endTime', '2024-05-01T12:10:00Z'],
      ['aggregation.alignmentPeriod', '60s'],
      ['aggregation.perSeriesAligner', 'ALIGN_MEAN'],
      ['aggregation.crossSeriesReducer', 'REDUCE_MEAN'],
      ['aggregation.groupByFields', 'resource.labels.zone'],
      ['aggregation.groupByFields', 'metric.labels.code'],
    ]);
  });

  it('takes aligner and reducer from the query, else from extendedScopeParams (StackdriverCanaryScopeFactory)', () => {
    const fromScope = buildStackdriverList(
      metric({ metricType: CPU, resourceType: 'global' }),
      {},
      where({ params: { perSeriesAligner: 'ALIGN_MAX', crossSeriesReducer: 'REDUCE_SUM' } }),
    );
    expect([fromScope.perSeriesAligner, fromScope.crossSeriesReducer]).toEqual(['ALIGN_MAX', 'REDUCE_SUM']);
    const fromQuery = buildStackdriverList(
      metric({
        metricType: CPU,
        resourceType: 'global',
        perSeriesAligner: 'ALIGN_PERCENTILE_99',
        crossSeriesReducer: 'REDUCE_MAX',
      }),
      {},
      where({ params: { perSeriesAligner: 'ALIGN_MAX', crossSeriesReducer: 'REDUCE_SUM' } }),
    );
    expect([fromQuery.perSeriesAligner, fromQuery.crossSeriesReducer]).toEqual(['ALIGN_PERCENTILE_99', 'REDUCE_MAX']);
  });

  it.each<[string, Record<string, unknown>, Partial<StackdriverScope>, RegExp]>([
    [
      'gce_instance without a location',
      { metricType: CPU, resourceType: 'gce_instance' },
      { location: undefined },
      /location \(region\) is required/,
    ],
    [
      'aws_ec2_instance without a scope',
      { metricType: CPU, resourceType: 'aws_ec2_instance' },
      { scope: '' },
      /scope is required/,
    ],
    ['no resource type anywhere', { metricType: CPU }, {}, /query.resourceType is required/],
    [
      'an unsupported type without a custom filter',
      { metricType: CPU },
      { params: { resourceType: 'cloud_run_revision' } },
      /needs a custom filter/,
    ],
    [
      '${location} without a location (Kayenta binds only non-empty values)',
      { metricType: CPU, resourceType: 'global', customInlineTemplate: 'x=${location}' },
      { location: undefined },
      /\$\{location\} has no value/,
    ],
  ])('refuses %s', (_title, query, over, message) => {
    expect(badQueryMessage(() => buildStackdriverList(metric(query), {}, where(over)))).toMatch(message);
  });
});

describe('checkStackdriverQuery (at judgment creation)', () => {
  const known = knownPlaceholders({ service: 'default' });
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'another store’s query type',
      { type: 'prometheus', metricType: CPU, resourceType: 'global' },
      /query.type is "prometheus"/,
    ],
    ['no metricType', { type: 'stackdriver', resourceType: 'global' }, /query.metricType is required/],
    [
      'an unknown aligner',
      { metricType: CPU, resourceType: 'global', perSeriesAligner: 'ALIGN_AVG' },
      /query.perSeriesAligner "ALIGN_AVG" is not one of/,
    ],
    [
      'an unknown reducer',
      { metricType: CPU, resourceType: 'global', crossSeriesReducer: 'mean' },
      /query.crossSeriesReducer/,
    ],
    [
      'groupByFields that is not a list',
      { metricType: CPU, resourceType: 'global', groupByFields: 'zone' },
      /query.groupByFields/,
    ],
    ['no resource type and none in extendedScopeParams', { metricType: CPU }, /query.resourceType is required/],
    [
      'an unknown placeholder',
      { metricType: CPU, resourceType: 'global', customInlineTemplate: 'a=${cluster}' },
      /query.customInlineTemplate uses the placeholder \$\{cluster\}/,
    ],
  ])('refuses %s', (_title, query, message) => {
    expect(badQueryMessage(() => checkStackdriverQuery(metric(query), {}, known))).toMatch(message);
  });

  it('accepts Kayenta’s own bindings (project, resourceType) and extendedScopeParams keys', () => {
    expect(() =>
      checkStackdriverQuery(
        metric({
          type: 'stackdriver',
          metricType: CPU,
          resourceType: 'gae_app',
          customInlineTemplate: 'project=${project} AND resource.type=${resourceType} AND x=${service} AND v=${scope}',
        }),
        {},
        known,
      ),
    ).not.toThrow();
  });
});
