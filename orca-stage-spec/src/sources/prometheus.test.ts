import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricSourceError, type FetchRequest } from './port';
import { createPrometheusSource } from './prometheus';
import { expandTemplate } from './template';
import { fetchRequest } from '../testing/source-harness';

// A tiny Prometheus stand-in on loopback: the answer depends on the query text.
let server: Server;
let base = '';
const seen: URLSearchParams[] = [];

function answer(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push(url.searchParams);
    const q = url.searchParams.get('query') ?? '';
    const ok = (result: unknown[]) => answer(res, 200, { status: 'success', data: { resultType: 'matrix', result } });
    if (url.pathname !== '/api/v1/query_range') return answer(res, 404, {});
    if (/^(avg\()?one/.test(q)) {
      return ok([
        {
          metric: {},
          values: [
            [1714564800, '1.5'],
            [1714564860, 'NaN'],
            [1714564920, '+Inf'],
          ],
        },
      ]);
    }
    if (q.startsWith('none')) return ok([]);
    if (q.startsWith('many'))
      return ok([
        { metric: { pod: 'a' }, values: [] },
        { metric: { pod: 'b' }, values: [] },
      ]);
    if (q.startsWith('bad')) return answer(res, 400, { status: 'error', errorType: 'bad_data', error: 'parse error' });
    if (q.startsWith('slow')) {
      setTimeout(() => ok([]), 1500);
      return;
    }
    if (q.startsWith('overload'))
      return answer(res, 503, { status: 'error', errorType: 'timeout', error: 'query timed out' });
    return answer(res, 500, { status: 'error', error: 'boom' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function req(promql: string, over: Partial<FetchRequest> = {}): FetchRequest {
  return fetchRequest(
    {
      location: 'us-east-1',
      params: { cluster: 'c1' },
      startMs: Date.parse('2024-05-01T12:00:00Z'),
      endMs: Date.parse('2024-05-01T12:10:00Z'),
      ...over,
    },
    { promql },
  );
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSourceError);
    return (e as MetricSourceError).code;
  }
}

describe('prometheus source', () => {
  it('expands the template, sends query_range with start/end/step, and reads one series (NaN for non-finite)', async () => {
    const src = createPrometheusSource('prom', { baseUrl: base });
    const s = await src.fetch(req('one{scope="${scope}",region="${location}",cluster="${cluster}"}'));
    expect(s).toEqual({ timestamps: [1714564800000, 1714564860000, 1714564920000], values: [1.5, NaN, NaN] });
    const p = seen[seen.length - 1]!;
    expect(p.get('query')).toBe('one{scope="checkout-canary",region="us-east-1",cluster="c1"}');
    expect(p.get('start')).toBe('1714564800.000');
    expect(p.get('end')).toBe('1714565400.000');
    expect(p.get('step')).toBe('60s');
  });

  it('builds Kayenta-style queries from metricName, a named filter template and groupByFields', async () => {
    const src = createPrometheusSource('prom', { baseUrl: base });
    await src.fetch({
      ...req(''),
      metric: {
        name: 'latency',
        groups: [],
        query: { metricName: 'one_latency', customFilterTemplate: 'byScope', groupByFields: ['job'] },
      },
      templates: { byScope: 'app="${scope}",region="${location}"' },
    });
    expect(seen[seen.length - 1]!.get('query')).toBe(
      'avg(one_latency{app="checkout-canary",region="us-east-1"}) by (job)',
    );
  });

  it.each([
    ['none', 'NO_SERIES'],
    ['many', 'MULTIPLE_SERIES'],
    ['bad(', 'BAD_QUERY'],
    ['overload', 'TIMEOUT'],
    ['other', 'PROMETHEUS_UNREACHABLE'],
    ['one{x="${unknownPlaceholder}"}', 'BAD_QUERY'],
  ])('maps query %s to %s', async (query, expected) => {
    const src = createPrometheusSource('prom', { baseUrl: base });
    expect(await code(src.fetch(req(query)))).toBe(expected);
  });

  it('reports TIMEOUT when Prometheus is slower than the timeout', async () => {
    const src = createPrometheusSource('prom', { baseUrl: base, timeoutMs: 200 });
    expect(await code(src.fetch(req('slow')))).toBe('TIMEOUT');
  });

  it('reports PROMETHEUS_UNREACHABLE when nothing listens', async () => {
    const src = createPrometheusSource('prom', { baseUrl: 'http://127.0.0.1:1' });
    const e = await src.fetch(req('one')).catch((x: unknown) => x as MetricSourceError);
    expect(e).toBeInstanceOf(MetricSourceError);
    expect((e as MetricSourceError).code).toBe('PROMETHEUS_UNREACHABLE');
    expect((e as MetricSourceError).transient).toBe(true);
    expect((e as MetricSourceError).message).toContain('latency');
  });
});

describe('expandTemplate', () => {
  it('escapes values for PromQL strings so a scope cannot break out of its quotes', () => {
    expect(expandTemplate('up{job="${scope}"}', { scope: 'a"} or vector(1) or {x="' })).toBe(
      'up{job="a\\"} or vector(1) or {x=\\""}',
    );
  });
});
