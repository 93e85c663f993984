import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSourceHttp, excerpt, retryAfterMs } from './http-client';
import { MetricSourceError } from './port';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

type Handler = Parameters<typeof createServer>[1];

async function serve(handler: Handler): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function failure(p: Promise<unknown>): Promise<MetricSourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSourceError);
    return e as MetricSourceError;
  }
  throw new Error('expected the request to fail');
}

const what = 'datadog source "dd": metric latency (canary scope c, …)';

describe('createSourceHttp', () => {
  it('bounds the whole exchange: a body dribbled a few bytes at a time ends as TIMEOUT, not an endless fetch', async () => {
    let writes = 0;
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"status":"success","data":{"resultType":"matrix","result":[{"values":[');
      const t = setInterval(() => {
        writes++;
        res.write('[1,"1"],');
      }, 20);
      res.on('close', () => clearInterval(t));
    });
    const http = createSourceHttp('Prometheus', { baseUrl: base, timeoutMs: 300 });
    const e = await failure(http.request({ path: '/api/v1/query_range', what }));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toMatch(/did not answer within 300 ms/);
    expect(e.transient).toBe(true);
    expect(writes).toBeGreaterThan(3); // bytes kept arriving: an idle timeout would never have fired
  });

  it("stops at the caller's signal (the judgment deadline) even when timeoutMs is far away", async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200);
      res.write('[');
    });
    const http = createSourceHttp('Datadog', { baseUrl: base, timeoutMs: 600_000 });
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(new Error("the judgment's deadline passed")), 100);
    const e = await failure(http.request({ path: '/x', what, signal: deadline.signal }));
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toMatch(/stopped waiting for Datadog: the judgment's deadline passed/);
  });

  it('waits out a 429 with Retry-After inside the budget, then answers', async () => {
    let calls = 0;
    const base = await serve((_req, res) => {
      calls++;
      if (calls === 1) {
        res.writeHead(429, { 'retry-after': '0' });
        res.end('slow down');
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }
    });
    const http = createSourceHttp('Datadog', { baseUrl: base });
    const answer = await http.request({ path: '/x', what });
    expect(answer.data).toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it('answers RATE_LIMITED (transient, with the wait asked for) when Retry-After is beyond the budget', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(429, { 'retry-after': '120' });
      res.end();
    });
    const http = createSourceHttp('Datadog', { baseUrl: base, timeoutMs: 2000 });
    const e = await failure(http.request({ path: '/x', what }));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.transient).toBe(true);
    expect(e.retryAfterMs).toBe(120_000);
    expect(e.message).toMatch(/^datadog source "dd": metric latency .*rate limiting \(HTTP 429, Retry-After 120 s\)/);
  });

  it('maps 401/403 to AUTH_REFUSED without ever echoing a credential header', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"errors":["Forbidden"]}');
    });
    const http = createSourceHttp('Datadog', { baseUrl: base });
    const e = await failure(http.request({ path: '/x', what, headers: { 'DD-API-KEY': 'secret-api-key-123' } }));
    expect(e.code).toBe('AUTH_REFUSED');
    expect(e.transient).toBe(false);
    expect(e.message).toMatch(/refused the credentials \(HTTP 403\).*Forbidden/);
    expect(e.message).not.toMatch(/secret-api-key-123/);
  });

  it.each([
    [400, 'BAD_QUERY'],
    [404, 'BAD_QUERY'],
    [422, 'BAD_QUERY'],
    [500, 'SOURCE_UNREACHABLE'],
    [502, 'SOURCE_UNREACHABLE'],
    [302, 'UPSTREAM_ERROR'],
  ])('maps HTTP %i to %s', async (status, code) => {
    const base = await serve((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{"error":"nope"}');
    });
    const e = await failure(createSourceHttp('Datadog', { baseUrl: base }).request({ path: '/x', what }));
    expect(e.code).toBe(code);
  });

  it('refuses an HTML page or garbage where JSON was expected: UPSTREAM_ERROR with a clean excerpt', async () => {
    const base = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(req.url === '/html' ? '<html><body><h1>Proxy login</h1></body></html>' : '\u0000\u0001garbage{');
    });
    const http = createSourceHttp('Graphite', { baseUrl: base });
    const html = await failure(http.request({ path: '/html', what }));
    expect(html.code).toBe('UPSTREAM_ERROR');
    expect(html.message).toMatch(/answered HTML or XML where JSON was expected: Proxy login/);
    const garbage = await failure(http.request({ path: '/garbage', what }));
    expect(garbage.code).toBe('UPSTREAM_ERROR');
    expect(garbage.message.includes(String.fromCharCode(0))).toBe(false);
  });

  it('drops an answer larger than maxResponseBytes: ANSWER_TOO_LARGE naming the limit', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`[${'1,'.repeat(100_000)}1]`);
    });
    const http = createSourceHttp('InfluxDB', { baseUrl: base, maxResponseBytes: 10_000 });
    const e = await failure(http.request({ path: '/x', what }));
    expect(e.code).toBe('ANSWER_TOO_LARGE');
    expect(e.message).toMatch(/more than 10000 bytes \(maxResponseBytes\)/);
  });

  it('names a refused connection SOURCE_UNREACHABLE (or the source-specific code)', async () => {
    const base = await serve((_req, res) => res.end());
    const port = new URL(base).port;
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    const e = await failure(
      createSourceHttp('Atlas', { baseUrl: `http://127.0.0.1:${port}` }).request({ path: '/', what }),
    );
    expect(e.code).toBe('SOURCE_UNREACHABLE');
    expect(e.message).toMatch(/cannot reach Atlas at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    const p = await failure(
      createSourceHttp('Prometheus', { baseUrl: `http://127.0.0.1:${port}` }, 'PROMETHEUS_UNREACHABLE').request({
        path: '/',
        what,
      }),
    );
    expect(p.code).toBe('PROMETHEUS_UNREACHABLE');
  });

  it('sends the method, path below the base URL, parameters, headers and a JSON body', async () => {
    let seen: { method?: string; url?: string; headers?: Record<string, unknown>; body?: string } = {};
    const base = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('[]');
      });
    });
    const http = createSourceHttp('X', { baseUrl: `${base}/prefix/`, headers: { 'x-proxy': 'p' } });
    await http.request({
      method: 'POST',
      path: '/api/q',
      params: { a: 'x y', b: 2, skip: undefined },
      headers: { 'x-key': 'k' },
      body: { q: 1 },
      what,
    });
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/prefix/api/q?a=x+y&b=2');
    expect(seen.headers).toMatchObject({ 'x-proxy': 'p', 'x-key': 'k', 'content-type': 'application/json' });
    expect(seen.body).toBe('{"q":1}');
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates (RFC 9110 §10.2.3); anything else is unknown', () => {
    expect(retryAfterMs('7')).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T07:28:00Z'))).toBe(10_000);
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('2015-10-21T08:00:00Z'))).toBe(0);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});

describe('excerpt', () => {
  it('cuts the answer to one clean line without markup', () => {
    expect(excerpt('<p>bad\n\tthing</p>')).toBe('bad thing');
    expect(excerpt({ error: 'x' })).toBe('{"error":"x"}');
    expect(excerpt('a'.repeat(300), 10)).toBe('aaaaaaaaaa…');
  });
});
