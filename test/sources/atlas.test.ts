/**
 * The judge service with an `atlas` source against the Atlas graph-API stand-in: a healthy canary passes, a latency
 * regression fails, and bad Atlas query configs are refused with 400 naming the field.
 */
import { describe, expect } from 'vitest';
import { atlasStandIn } from '../support/stand-ins/atlas';
import { itJudgesStandInQueries, missingFieldEdit, otherStoreTypeEdit, unknownPlaceholderEdit } from './stand-in-suite';

describe('judge service with an atlas source (graph API stand-in)', () => {
  itJudgesStandInQueries(
    atlasStandIn,
    (url) => (new URL(url, 'http://x').searchParams.get('q')?.startsWith('name,latency,:eq') ? 'latency' : 'cpu'),
    {
      healthy: {
        title: 'healthy canary → PASS, with Kayenta’s scoped expressions',
        check: (rig) => {
          const expressions = rig.store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('q'));
          expect(expressions).toContain('name,latency,:eq,:avg,:list,(,nf.cluster,checkout-baseline,:eq,:cq,),:each');
          expect(expressions).toContain('name,cpu,:eq,:avg,:list,(,nf.cluster,checkout-canary,:eq,:cq,),:each');
        },
      },
      badQueries: [
        otherStoreTypeEdit('prometheus'),
        missingFieldEdit('q'),
        unknownPlaceholderEdit('name,cpu,:eq,nf.stack,${stack},:eq,:and', 'stack'),
      ],
    },
  );
});
