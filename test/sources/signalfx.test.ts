/**
 * The judge service with a `signalfx` source against the SignalFlow stand-in (X-SF-TOKEN, text/event-stream
 * answers): a healthy canary passes, a latency regression fails, and bad SignalFx query configs are refused with 400
 * naming the field.
 */
import { describe, expect } from 'vitest';
import { SIGNALFX_TOKEN, signalfxStandIn } from '../support/stand-ins/signalfx';
import { itJudgesStandInQueries, missingFieldEdit, otherStoreTypeEdit, unknownPlaceholderEdit } from './stand-in-suite';

describe('judge service with a signalfx source (SignalFlow stand-in)', () => {
  itJudgesStandInQueries(signalfxStandIn, (_url, body) => (body.startsWith("data('latency'") ? 'latency' : 'cpu'), {
    healthy: {
      title: 'healthy canary → PASS, every execute call carrying X-SF-TOKEN and a Kayenta-built program',
      check: (rig) => {
        const calls = rig.store.requests;
        expect(calls.length).toBeGreaterThanOrEqual(4);
        expect(calls.every((r) => r.method === 'POST' && r.headers['x-sf-token'] === SIGNALFX_TOKEN)).toBe(true);
        expect(calls.map((r) => r.body)).toContain(
          "data('latency', filter=filter('app', 'checkout') and filter('canary-scope', 'checkout-baseline')).mean(by=['canary-scope']).publish()",
        );
      },
    },
    badQueries: [
      otherStoreTypeEdit('stackdriver'),
      missingFieldEdit('metricName'),
      unknownPlaceholderEdit("data('cpu', filter=filter('cluster', '${cluster}')).mean().publish()", 'cluster'),
      [
        'an unknown aggregationMethod',
        (q) => (q['aggregationMethod'] = 'average'),
        /query.aggregationMethod "average"/,
      ],
    ],
  });
});
