// The metric-source list and the per-source query editor in the stage panel, with the judge's
// `GET /v1/metric-sources` mocked (axios): a listing fills the list and the fields; a judge the browser cannot
// reach leaves free text and today's query field, with a quiet note.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import axios from 'axios';
import { renderPanel as renderStageConfig } from '../testing/renderPanel';
import { testIds } from '../testIds';
import { formToStage } from '../transforms/stageJson';
import { validForm } from '../testing/fixtures';

vi.mock('axios', () => {
  const fn = () => vi.fn();
  return { default: { get: fn(), post: fn(), put: fn(), isAxiosError: () => false } };
});
const get = vi.mocked(axios.get);

/** A listing shaped like `metricSourcesResponseSchema` (fields as catalog.ts lists them). */
const LISTING = {
  metricSources: [
    { name: 'demo', type: 'demo', label: 'Demo', queryFields: [{ name: 'series', description: 's', kind: 'string' }] },
    {
      name: 'dd-prod',
      type: 'datadog',
      label: 'Datadog',
      queryFields: [
        { name: 'metricName', description: 'metric name', kind: 'string' },
        { name: 'customInlineTemplate', description: 'whole query', kind: 'text' },
      ],
    },
    {
      name: 'gcp',
      type: 'stackdriver',
      label: 'Google Cloud Monitoring (Stackdriver)',
      queryFields: [
        { name: 'metricType', description: 'metric type', kind: 'string', required: true },
        { name: 'perSeriesAligner', description: 'aligner', kind: 'string', options: ['ALIGN_MEAN', 'ALIGN_RATE'] },
        { name: 'groupByFields', description: 'labels', kind: 'string[]' },
      ],
    },
    {
      name: 'cw',
      type: 'cloudwatch',
      label: 'Amazon CloudWatch',
      queryFields: [{ name: 'dimensions', description: 'list of {name, value}', kind: 'object[]' }],
    },
  ],
};

function renderPanel(metricSource: string, stored: Record<string, unknown>) {
  const base = formToStage({ ...validForm(), metricSource }, {});
  const payload = base['payload'] as { canaryConfig: { metrics: Array<Record<string, unknown>> } };
  payload.canaryConfig.metrics = [{ ...payload.canaryConfig.metrics[0], query: stored }];
  const { live } = renderStageConfig(base);
  const query = () =>
    (live['payload'] as { canaryConfig: { metrics: Array<{ query: Record<string, unknown> }> } }).canaryConfig
      .metrics[0]!.query;
  return { live, query };
}

beforeEach(() => {
  get.mockReset();
});

describe('metric source list and per-source query fields', () => {
  it('lists the judge sources and edits a Datadog query, keeping unknown keys and setting type', async () => {
    get.mockResolvedValue({ data: LISTING });
    const { query } = renderPanel('dd-prod', { metricName: 'trace.http.request', extra: { kept: true } });
    const input = await screen.findByLabelText('metricName');
    expect(get.mock.calls[0]![0]).toBe('http://127.0.0.1:8080/v1/metric-sources');
    const options = Array.from(document.querySelectorAll('datalist option')).map((o) => o.getAttribute('label'));
    expect(options).toContain('dd-prod — Datadog (datadog)');
    expect(options).toContain('gcp — Google Cloud Monitoring (Stackdriver) (stackdriver)');
    expect((input as HTMLInputElement).value).toBe('trace.http.request');
    expect(screen.queryByLabelText('PromQL query')).toBeNull();
    fireEvent.change(input, { target: { value: 'avg:trace.http.request.duration' } });
    expect(query()).toEqual({ metricName: 'avg:trace.http.request.duration', extra: { kept: true }, type: 'datadog' });
    fireEvent.change(screen.getByLabelText('customInlineTemplate'), { target: { value: 'avg:x{${scope}}' } });
    expect(query()['customInlineTemplate']).toBe('avg:x{${scope}}');
    expect(query()['promql']).toBeUndefined();
  });

  it('Stackdriver: a missing required field is named; string[] is one per line; options are offered', async () => {
    get.mockResolvedValue({ data: LISTING });
    const { query } = renderPanel('gcp', { type: 'stackdriver', resourceType: 'gce_instance' });
    await screen.findByLabelText('metricType *');
    const group = screen.getByRole('group', { name: 'Google Cloud Monitoring (Stackdriver) query' });
    expect(within(group).getByRole('alert').textContent).toBe('metricType: is required');
    const aligner = screen.getByLabelText('perSeriesAligner');
    const list = document.getElementById(aligner.getAttribute('list') ?? '');
    expect(Array.from(list?.querySelectorAll('option') ?? []).map((o) => o.getAttribute('value'))).toEqual([
      'ALIGN_MEAN',
      'ALIGN_RATE',
    ]);
    fireEvent.change(screen.getByLabelText('metricType *'), {
      target: { value: 'compute.googleapis.com/instance/cpu/utilization' },
    });
    fireEvent.change(screen.getByLabelText('groupByFields'), {
      target: { value: 'resource.labels.zone\n\nmetric.labels.x\n' },
    });
    expect(query()).toEqual({
      type: 'stackdriver',
      resourceType: 'gce_instance',
      metricType: 'compute.googleapis.com/instance/cpu/utilization',
      groupByFields: ['resource.labels.zone', 'metric.labels.x'],
    });
    expect(within(group).queryByRole('alert')).toBeNull();
  });

  it('object[] fields: JSON that does not parse is reported by field name and not written', async () => {
    get.mockResolvedValue({ data: LISTING });
    const { query } = renderPanel('cw', { type: 'cloudwatch', namespace: 'AWS/ELB' });
    const box = await screen.findByLabelText('dimensions');
    const group = screen.getByRole('group', { name: 'Amazon CloudWatch query' });
    fireEvent.change(box, { target: { value: '[{"name": "AutoScalingGroupName", ' } });
    expect(within(group).getByRole('alert').textContent).toMatch(/^dimensions: not valid JSON/);
    expect(query()['dimensions']).toBeUndefined();
    fireEvent.change(box, { target: { value: '{"name": "a"}' } });
    expect(within(group).getByRole('alert').textContent).toMatch(/^dimensions: must be a JSON array of objects/);
    fireEvent.change(box, { target: { value: '[{"name": "AutoScalingGroupName", "value": "${scope}"}]' } });
    expect(query()).toEqual({
      type: 'cloudwatch',
      namespace: 'AWS/ELB',
      dimensions: [{ name: 'AutoScalingGroupName', value: '${scope}' }],
    });
  });

  it('demo metrics keep their series text exactly as today (no type written)', async () => {
    get.mockResolvedValue({ data: LISTING });
    const { query } = renderPanel('demo', { series: 'latency' });
    await waitFor(() => expect(document.querySelector('datalist option')).not.toBeNull());
    const metric = screen.getByTestId(testIds.config.metric(0));
    fireEvent.change(within(metric).getByLabelText('Demo series (latency, errors, cpu)'), { target: { value: 'cpu' } });
    expect(query()).toEqual({ series: 'cpu' });
  });

  it('an unreachable judge leaves free text, a quiet note and the query text field', async () => {
    get.mockRejectedValue(new Error('Network Error'));
    const { live } = renderPanel('prom-east', { promql: 'up' });
    const note = await screen.findByText(/Source list unavailable \(Network Error\)/);
    expect(note.className).toBe('cj-hint');
    expect(document.querySelector('datalist')).toBeNull();
    fireEvent.change(screen.getByTestId(testIds.config.metricSource), { target: { value: 'prom-west' } });
    expect((live['payload'] as { metricSource: string }).metricSource).toBe('prom-west');
    const metric = screen.getByTestId(testIds.config.metric(0));
    expect((within(metric).getByLabelText('PromQL query') as HTMLInputElement).value).toBe('up');
  });
});
