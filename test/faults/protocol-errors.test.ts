/**
 * Issue 14 §4, over real sockets against the service process: protocol-level errors — a bad request line, an
 * unknown method, raw non-ASCII bytes in the path, headers over the size limit, a request without `Host`, a known
 * path with the wrong method — are answered in the service's error shape with `error.code` (before: Node's or
 * Fastify's default body, or an empty one); judgment keys `.` and `..` are refused like other unsafe keys (before:
 * accepted, and clients normalise `…/judgments/../report` to `/v1/report`); a refusal that leaves a body unread
 * (413, 415) closes the connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { headerOf, jsonBodyOf, openRaw, statusOf } from '../support/raw-http';

let svc: JudgeService;

beforeAll(async () => {
  svc = await startJudgeService({ config: { bodyLimitBytes: 4096 } });
}, 60_000);

afterAll(async () => {
  await svc?.cleanup();
});

/** Sends `data` on a fresh connection and waits until the server closes it (or 10 s pass). */
async function exchange(data: string | Buffer) {
  const c = openRaw(svc.port, data, { safetyMs: 10_000 });
  await c.closed;
  const raw = c.received();
  return {
    status: statusOf(raw),
    body: jsonBodyOf(raw) as { apiVersion?: string; status?: string; error?: { code?: string; field?: unknown } },
    connection: headerOf(raw, 'connection'),
    allow: headerOf(raw, 'allow'),
    closedByServer: c.closedByServer(),
  };
}

describe('protocol-level errors in the service error shape', () => {
  const cases: Array<[string, string | Buffer, number, string]> = [
    ['bad request line', 'GET /healthz NOT-HTTP\r\n\r\n', 400, 'BAD_REQUEST'],
    ['unknown method', 'FOO /healthz HTTP/1.1\r\nHost: judge.test\r\n\r\n', 400, 'UNKNOWN_METHOD'],
    [
      'raw non-ASCII path',
      Buffer.concat([
        Buffer.from('GET /v1/judgments/caf'),
        Buffer.from([0xc3, 0xa9]),
        Buffer.from(' HTTP/1.1\r\nHost: judge.test\r\n\r\n'),
      ]),
      400,
      'BAD_URL',
    ],
    [
      'headers too large (431)',
      `GET /healthz HTTP/1.1\r\nHost: judge.test\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'HEADERS_TOO_LARGE',
    ],
    ['no Host header', 'GET /healthz HTTP/1.1\r\nConnection: keep-alive\r\n\r\n', 400, 'MISSING_HOST'],
  ];
  it.each(cases)('%s: JSON error body with its code, connection closed', async (_name, data, status, code) => {
    const r = await exchange(data);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ apiVersion: 'canary-judge/v1', status: 'TERMINAL', error: { code } });
    expect(r.connection?.toLowerCase()).toBe('close');
    expect(r.closedByServer).toBe(true);
  });

  it('a known path with another method → 405 METHOD_NOT_ALLOWED naming the allowed ones', async () => {
    const r = await exchange('DELETE /v1/judgments/k1 HTTP/1.1\r\nHost: judge.test\r\nConnection: close\r\n\r\n');
    expect(r.status).toBe(405);
    expect(r.allow).toBe('PUT, GET');
    expect(r.body).toMatchObject({ status: 'TERMINAL', error: { code: 'METHOD_NOT_ALLOWED', field: 'method' } });
  });
});

describe('judgment keys . and ..', () => {
  it.each(['.', '..'])('refuses the key %j on PUT, GET, report and cancel (400, field judgmentKey)', async (key) => {
    const body = JSON.stringify(demoRequest('healthy'));
    const requests = [
      `PUT /v1/judgments/${key} HTTP/1.1\r\nHost: judge.test\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      `GET /v1/judgments/${key} HTTP/1.1\r\nHost: judge.test\r\nConnection: close\r\n\r\n`,
      `GET /v1/judgments/${key}/report HTTP/1.1\r\nHost: judge.test\r\nConnection: close\r\n\r\n`,
      `POST /v1/judgments/${key}/cancel HTTP/1.1\r\nHost: judge.test\r\nConnection: close\r\n\r\n`,
    ];
    for (const req of requests) {
      const r = await exchange(req);
      expect({
        req: req.split('\r\n')[0],
        status: r.status,
        code: r.body?.error?.code,
        field: r.body?.error?.field,
      }).toEqual({ req: req.split('\r\n')[0], status: 400, code: 'VALIDATION_FAILED', field: 'judgmentKey' });
    }
    const post = await fetch(`${svc.baseUrl}/v1/judgments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...demoRequest('healthy'), judgmentKey: key }),
    });
    expect(post.status).toBe(400);
    expect(((await post.json()) as { error: { field: string } }).error.field).toBe('judgmentKey');
  });

  it('still accepts keys that merely contain dots', async () => {
    const res = await fetch(`${svc.baseUrl}/v1/judgments/...`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('healthy')),
    });
    expect(res.status).toBe(201);
    const dotted = await fetch(`${svc.baseUrl}/v1/judgments/a.b..c`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('healthy')),
    });
    expect(dotted.status).toBe(201);
  });
});

describe('refusals that leave a body unread close the connection', () => {
  it.each([
    [
      '413 (declared body over the limit)',
      'PUT /v1/judgments/big HTTP/1.1\r\nHost: judge.test\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000000\r\n\r\n{"apiVersion":',
      413,
      'BODY_TOO_LARGE',
    ],
    [
      '415 (unsupported type)',
      'PUT /v1/judgments/xml HTTP/1.1\r\nHost: judge.test\r\nContent-Type: application/xml\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n10\r\n<judgment>',
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ])('%s answers, then closes, without reading the body', async (_name, data, status, code) => {
    const r = await exchange(data);
    expect(r.status).toBe(status);
    expect(r.body?.error?.code).toBe(code);
    expect(r.connection?.toLowerCase()).toBe('close');
    expect(r.closedByServer).toBe(true);
  });
});
