/**
 * The rule every fuzzed answer must follow: never a 5xx; a refusal is a 4xx JSON error body with a machine-readable
 * `error.code`, a non-empty `error.message`, the field for validation errors, and at most {@link MAX_ERROR_BYTES}.
 */
import type { FastifyInstance } from 'fastify';
import type { FuzzRequest } from './mutations';

/** Error answers are small whatever the request: messages never echo a huge input in full. */
export const MAX_ERROR_BYTES = 4096;

/** A request whose answer broke the rule. */
export interface Failure {
  kind: string;
  method: string;
  url: string;
  status: number;
  why: string;
  body: string;
}

/**
 * Sends one request through `app.inject` and judges the answer.
 * @returns the status, why the answer is unacceptable (null when it is fine) and the body text
 */
export async function checkAnswer(
  app: FastifyInstance,
  req: FuzzRequest,
): Promise<{ status: number; why: string | null; body: string }> {
  const res = await app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: req.headers,
    ...(req.payload === undefined ? {} : { payload: req.payload }),
  });
  const body = res.body;
  const status = res.statusCode;
  if (status >= 500 || status < 100) return { status, why: '5xx or no status', body };
  if (status < 400 || req.method === 'HEAD') return { status, why: null, body };
  if (!String(res.headers['content-type'] ?? '').startsWith('application/json')) {
    return { status, why: 'error is not JSON', body };
  }
  let parsed: { error?: { code?: unknown; message?: unknown; field?: unknown } };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return { status, why: 'error body does not parse', body };
  }
  const e = parsed.error;
  if (!e || typeof e.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(e.code))
    return { status, why: 'no error.code', body };
  if (typeof e.message !== 'string' || e.message.trim() === '') return { status, why: 'no error.message', body };
  if (e.code === 'VALIDATION_FAILED' && (typeof e.field !== 'string' || e.field === '')) {
    return { status, why: 'validation error without a field', body };
  }
  if (Buffer.byteLength(body) > MAX_ERROR_BYTES) {
    return { status, why: `error body larger than ${MAX_ERROR_BYTES} bytes`, body };
  }
  return { status, why: null, body };
}

/**
 * Sends every request in order and collects the failures and the count per status.
 * @param app the service under test
 * @param requests the fuzz requests
 */
export async function fuzzAll(
  app: FastifyInstance,
  requests: FuzzRequest[],
): Promise<{ failures: Failure[]; statuses: Map<number, number> }> {
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  for (const req of requests) {
    const r = await checkAnswer(app, req);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    if (r.why) {
      failures.push({
        kind: req.kind,
        method: req.method,
        url: req.url.slice(0, 200),
        status: r.status,
        why: r.why,
        body: r.body.slice(0, 300),
      });
    }
  }
  return { failures, statuses };
}
