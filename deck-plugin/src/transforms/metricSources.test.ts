import { describe, expect, it } from 'vitest';
import { findSource, parseMetricSources, sourceOptionText } from './metricSources';

describe('parseMetricSources', () => {
  it('reads a listing, dropping malformed entries and fields', () => {
    const sources = parseMetricSources({
      metricSources: [
        {
          name: 'gcp',
          type: 'stackdriver',
          label: 'Google Cloud Monitoring (Stackdriver)',
          queryFields: [
            { name: 'metricType', description: 'metric type', kind: 'string', required: true },
            { name: 'perSeriesAligner', description: 'aligner', kind: 'string', options: ['ALIGN_MEAN', 7] },
            { name: 'bad', description: 'x', kind: 'number' },
            'junk',
          ],
        },
        { name: 'nolabel', type: 'demo' },
        { type: 'datadog', label: 'Datadog', queryFields: [] },
        null,
      ],
    });
    expect(sources).toEqual([
      {
        name: 'gcp',
        type: 'stackdriver',
        label: 'Google Cloud Monitoring (Stackdriver)',
        queryFields: [
          { name: 'metricType', description: 'metric type', kind: 'string', required: true },
          { name: 'perSeriesAligner', description: 'aligner', kind: 'string', options: ['ALIGN_MEAN'] },
        ],
      },
      { name: 'nolabel', type: 'demo', label: 'demo', queryFields: [] },
    ]);
    expect(sourceOptionText(sources![0]!)).toBe('gcp — Google Cloud Monitoring (Stackdriver) (stackdriver)');
    expect(findSource(sources, ' gcp ')?.type).toBe('stackdriver');
    expect(findSource(sources, 'other')).toBeUndefined();
    expect(findSource(null, 'gcp')).toBeUndefined();
  });

  it('is null for an answer that is not a listing (HTML, an error body)', () => {
    expect(parseMetricSources('<html>')).toBeNull();
    expect(parseMetricSources({ error: { message: 'x' } })).toBeNull();
    expect(parseMetricSources(null)).toBeNull();
  });
});
