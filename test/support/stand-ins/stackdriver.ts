/**
 * A stand-in for Google Cloud Monitoring (Stackdriver) and Google's OAuth token endpoint, on one loopback server:
 *
 * - `POST /token` takes a signed JWT bearer grant (RFC 7523) from the service account of {@link stackdriverKey},
 *   checks its RS256 signature and claims, and answers `{access_token, expires_in, token_type}`;
 * - `GET /v3/projects/{project}/timeSeries` needs `Authorization: Bearer <that token>` (else 401 in Google's error
 *   shape), reads the scope from the filter's `metadata.user_labels."spinnaker-server-group"=<scope>` clause, the window
 *   from `interval.startTime`/`interval.endTime` and the step from `aggregation.alignmentPeriod`, and answers one time
 *   series in `ListTimeSeriesResponse` shape: points newest first, `interval.endTime` = the point's time,
 *   `value.doubleValue`; NaN points are left out, as Cloud Monitoring leaves empty alignment periods out.
 *
 * References: https://developers.google.com/identity/protocols/oauth2/service-account,
 * https://cloud.google.com/monitoring/api/ref_v3/rest/v3/projects.timeSeries/list
 */
import { createVerify, generateKeyPairSync } from 'node:crypto';
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The stand-in's project. */
export const STACKDRIVER_PROJECT = 'canary-judge-test';

/** The service account's e-mail. */
export const STACKDRIVER_CLIENT_EMAIL = `judge@${STACKDRIVER_PROJECT}.iam.gserviceaccount.com`;

/** The access token the stand-in issues (and the only one it accepts). */
export const STACKDRIVER_ACCESS_TOKEN = 'ya29.stand-in-token';

/**
 * A service-account JSON key (a fresh RSA key per test process) whose `token_uri` points at the stand-in.
 * @param baseUrl the stand-in's base URL
 */
export function stackdriverKey(baseUrl: string): Record<string, string> {
  return {
    type: 'service_account',
    project_id: STACKDRIVER_PROJECT,
    private_key_id: 'stand-in-key-1',
    private_key: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    client_email: STACKDRIVER_CLIENT_EMAIL,
    client_id: '100000000000000000001',
    token_uri: `${baseUrl}/token`,
  };
}

/** The public half of the service account key, for checking grants. */
const publicKey = pair.publicKey;

function googleError(status: number, code: string, message: string): StubResponse {
  return { status, body: { error: { code: status, message, status: code } } };
}

/**
 * Checks a JWT bearer grant: form body, RS256 signature by the key, `iss` = the service account, a scope, and an
 * expiry after the issue time. Answers the reason it is refused, or undefined.
 */
export function refuseGrant(body: string): string | undefined {
  const form = new URLSearchParams(body);
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return 'wrong grant_type';
  const parts = (form.get('assertion') ?? '').split('.');
  if (parts.length !== 3) return 'assertion is not a JWT';
  const [h, p, sig] = parts as [string, string, string];
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${h}.${p}`);
  if (!verifier.verify(publicKey, Buffer.from(sig, 'base64url'))) return 'bad signature';
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
  if (header.alg !== 'RS256') return 'alg is not RS256';
  if (claims['iss'] !== STACKDRIVER_CLIENT_EMAIL) return 'iss is not the service account';
  if (typeof claims['scope'] !== 'string' || !String(claims['scope']).includes('monitoring')) return 'no scope';
  if (typeof claims['exp'] !== 'number' || typeof claims['iat'] !== 'number' || claims['exp'] <= claims['iat']) {
    return 'bad exp/iat';
  }
  return undefined;
}

/**
 * Answers a `timeSeries.list` request with `data` for the scope in its filter.
 * @param req the request
 * @param data the points to serve
 */
export function respondTimeSeries(req: StubRequest, data: StandInData): StubResponse {
  const url = new URL(req.url, 'http://stand-in');
  if (req.headers.authorization !== `Bearer ${STACKDRIVER_ACCESS_TOKEN}`) {
    return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
  }
  if (url.pathname !== `/v3/projects/${STACKDRIVER_PROJECT}/timeSeries`) {
    return googleError(404, 'NOT_FOUND', `unexpected path ${url.pathname}`);
  }
  const q = url.searchParams;
  const filter = q.get('filter') ?? '';
  const scope = /metadata\.user_labels\."spinnaker-server-group"=("?)([^"\s]+)\1/.exec(filter)?.[2];
  const start = Date.parse(q.get('interval.startTime') ?? '');
  const end = Date.parse(q.get('interval.endTime') ?? '');
  const step = /^(\d+)s$/.exec(q.get('aggregation.alignmentPeriod') ?? '')?.[1];
  if (!scope || Number.isNaN(start) || Number.isNaN(end) || !step) {
    return googleError(400, 'INVALID_ARGUMENT', `cannot read scope, interval or alignment period from ${url.search}`);
  }
  const s = data(scope, start, end, Number(step));
  const points = s.timestamps
    .map((t, i) => ({ t, v: s.values[i] as number }))
    .filter((p) => Number.isFinite(p.v))
    .map((p) => ({
      interval: {
        startTime: new Date(p.t - Number(step) * 1000).toISOString(),
        endTime: new Date(p.t).toISOString(),
      },
      value: { doubleValue: p.v },
    }))
    .reverse();
  if (points.length === 0) return { status: 200, body: { unit: '1' } };
  return {
    status: 200,
    body: {
      timeSeries: [
        {
          metric: { type: 'custom.googleapis.com/stand-in', labels: {} },
          resource: { type: 'gce_instance', labels: { project_id: STACKDRIVER_PROJECT } },
          metricKind: 'GAUGE',
          valueType: 'DOUBLE',
          points,
        },
      ],
      unit: '1',
    },
  };
}

/** The Cloud Monitoring stand-in (see the module comment). */
export const stackdriverStandIn: StandIn = defineStandIn('stackdriver', {
  settings: (baseUrl) => ({
    project: STACKDRIVER_PROJECT,
    credentials: JSON.stringify(stackdriverKey(baseUrl)),
  }),
  // Kayenta's documented Stackdriver query config (kayenta-stackdriver/docs/metric-set-query-config.md), scoped by
  // the server group label only, so that a judgment without a location works too.
  query: (metricName) => ({
    metricType: `custom.googleapis.com/${metricName}`,
    resourceType: 'gce_instance',
    customInlineTemplate: 'metadata.user_labels."spinnaker-server-group"=${scope}',
  }),
  respond(req, data) {
    if (req.method === 'POST' && req.url === '/token') {
      const why = refuseGrant(req.body);
      if (why) return { status: 400, body: { error: 'invalid_grant', error_description: why } };
      return { status: 200, body: { access_token: STACKDRIVER_ACCESS_TOKEN, expires_in: 3599, token_type: 'Bearer' } };
    }
    if (req.method === 'GET' && req.url.startsWith('/v3/')) return respondTimeSeries(req, data);
    return { status: 400, body: { error: `unexpected request ${req.method} ${req.url}` } };
  },
});
