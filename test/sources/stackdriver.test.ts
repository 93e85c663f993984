/**
 * The judge service with a `stackdriver` source against the Cloud Monitoring stand-in (service-account key exchanged
 * at the stand-in's token endpoint): a healthy canary passes, a latency regression fails, and bad Stackdriver query
 * configs are refused with 400 naming the field.
 */
import { describe, expect } from 'vitest';
import { STACKDRIVER_ACCESS_TOKEN, stackdriverStandIn } from '../support/stand-ins/stackdriver';
import { itJudgesStandInQueries, missingFieldEdit, otherStoreTypeEdit, unknownPlaceholderEdit } from './stand-in-suite';

describe('judge service with a stackdriver source (Cloud Monitoring stand-in)', () => {
  itJudgesStandInQueries(
    stackdriverStandIn,
    (url) =>
      new URL(url, 'http://x').searchParams.get('filter')?.includes('custom.googleapis.com/latency"')
        ? 'latency'
        : 'cpu',
    {
      healthy: {
        title: 'healthy canary → PASS, after one token exchange and bearer-authenticated timeSeries.list calls',
        check: (rig) => {
          const lists = rig.store.requests.filter((r) => r.url.startsWith('/v3/'));
          expect(lists.length).toBeGreaterThanOrEqual(4);
          expect(lists.every((r) => r.headers.authorization === `Bearer ${STACKDRIVER_ACCESS_TOKEN}`)).toBe(true);
          expect(rig.store.requests.filter((r) => r.url === '/token')).toHaveLength(1);
        },
      },
      badQueries: [
        otherStoreTypeEdit('prometheus'),
        missingFieldEdit('metricType'),
        unknownPlaceholderEdit('resource.labels.cluster_name=${cluster}', 'cluster'),
        [
          'a template name that is not in canaryConfig.templates',
          (q, config) => {
            config.templates = {};
            delete q['customInlineTemplate'];
            q['customFilterTemplate'] = 'byGroup';
          },
          /customFilterTemplate "byGroup" is not in canaryConfig.templates/,
        ],
        [
          'an unknown aligner',
          (q) => (q['perSeriesAligner'] = 'ALIGN_AVERAGE'),
          /query.perSeriesAligner "ALIGN_AVERAGE"/,
        ],
      ],
    },
  );
});
