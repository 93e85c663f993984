/**
 * Issue 14 §2, over real sockets against the service process: 1,000 connections that send half a request — half a
 * chunked body (with and without the bearer token, on `PUT /v1/judgments/{key}` and `POST /judge`) or headers that
 * never end — must all be closed by the server within the configured timeouts: the unauthenticated ones right after
 * their 401 (a refusal that leaves a body unread closes the connection), the others with a 408 `REQUEST_TIMEOUT`
 * once `http.requestTimeoutMs` / `http.headersTimeoutMs` pass. Meanwhile status polls and `/healthz` keep answering
 * 200. A second service shows the per-client connection cap: connections beyond it from one address get a 429 as
 * soon as their headers arrive and are closed, while another address is served.
 * Before the fix the service had no request timeout (Fastify's default 0) and kept every such connection open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { headerOf, jsonBodyOf, openRaw, statusOf, type RawConnection } from '../support/raw-http';
import { sleep } from '../support/wait';

const TOKEN = 'stall-test-token';
const REQUEST_TIMEOUT_MS = 4_000;
const HEADERS_TIMEOUT_MS = 2_000;

type Kind = 'unauthenticated' | 'stalled-put' | 'stalled-judge' | 'stalled-headers';
const KINDS: Kind[] = ['unauthenticated', 'stalled-put', 'stalled-judge', 'stalled-headers'];

function halfRequest(kind: Kind, i: number): string {
  const chunked = (method: string, path: string, auth: boolean) =>
    `${method} ${path} HTTP/1.1\r\nHost: judge.test\r\nContent-Type: application/json\r\n` +
    (auth ? `Authorization: Bearer ${TOKEN}\r\n` : '') +
    'Transfer-Encoding: chunked\r\n\r\n100\r\n{"apiVersion":"canary-judge/v1",';
  switch (kind) {
    case 'unauthenticated':
      return i % 2 === 0 ? chunked('PUT', `/v1/judgments/stall-${i}`, false) : chunked('POST', '/judge', false);
    case 'stalled-put':
      return chunked('PUT', `/v1/judgments/stall-${i}`, true);
    case 'stalled-judge':
      return chunked('POST', '/judge', true);
    case 'stalled-headers':
      return `GET /v1/judgments/stall-${i} HTTP/1.1\r\nHost: judge.test\r\nX-Slow: `;
  }
}

/** Opens `n` connections in batches (the listen backlog is finite), `make(i)` giving each its bytes. */
async function openMany(port: number, n: number, make: (i: number) => string, localAddress?: string) {
  const out: RawConnection[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, (_, k) =>
      openRaw(port, make(i + k), { localAddress, safetyMs: 60_000 }),
    );
    out.push(...batch);
    await Promise.all(
      batch.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.socket.readyState === 'open') return resolve();
            c.socket.once('connect', () => resolve());
            c.socket.once('close', () => resolve());
          }),
      ),
    );
  }
  return out;
}

describe('stalled request bodies and headers (1,000 connections)', () => {
  let svc: JudgeService;

  beforeAll(async () => {
    svc = await startJudgeService({
      token: TOKEN,
      config: {
        http: {
          requestTimeoutMs: REQUEST_TIMEOUT_MS,
          headersTimeoutMs: HEADERS_TIMEOUT_MS,
          maxConnectionsPerClient: 0,
          maxInFlightRequests: 0,
        },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await svc?.cleanup();
  });

  it('closes every one within the timeouts (401 at once without the token, else 408) while polls answer 200', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const created = await fetch(`${svc.baseUrl}/v1/judgments/poll-me`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify(demoRequest('healthy', { lifetimeMinutes: 60, intervalMinutes: 10 })),
    });
    expect(created.status).toBe(201);

    const opened = Date.now();
    const conns = await openMany(svc.port, 1000, (i) => halfRequest(KINDS[i % 4] as Kind, i));
    const allClosed = Promise.all(conns.map((c) => c.closed));

    // Polls and probes while the 1,000 connections hang on the server.
    const polls: number[] = [];
    let done = false;
    void allClosed.then(() => (done = true));
    const pollUntil = opened + REQUEST_TIMEOUT_MS + 10_000;
    const poller = async () => {
      while (!done && Date.now() < pollUntil) {
        const s = await fetch(`${svc.baseUrl}/v1/judgments/poll-me`, { headers: auth });
        await s.arrayBuffer();
        const h = await fetch(`${svc.baseUrl}/healthz`);
        await h.arrayBuffer();
        polls.push(s.status, h.status);
        await sleep(20);
      }
    };
    await Promise.all([poller(), poller()]);

    // Every connection closed by the server, by the deadline (request timeout + the check period + slack).
    const deadline = opened + REQUEST_TIMEOUT_MS + 10_000;
    const closedAt = await Promise.race([allClosed, sleep(Math.max(0, deadline - Date.now())).then(() => null)]);
    const stillOpen = conns.filter((c) => !c.socket.destroyed).length;
    expect({ stillOpen, allClosed: closedAt !== null }).toEqual({ stillOpen: 0, allClosed: true });
    expect(conns.filter((c) => !c.closedByServer()).length).toBe(0);

    // The polls all succeeded.
    expect(polls.length).toBeGreaterThan(10);
    expect([...new Set(polls)]).toEqual([200]);

    // What each kind was told, in the service's error shape. `POST /judge` admits only workers.threads +
    // workers.maxQueue bodies at a time (each slot is taken before the body is read): the rest are refused with
    // 429 at once, and their connections closed as well.
    const seen = new Map<string, number>();
    conns.forEach((c, i) => {
      const kind = KINDS[i % 4] as Kind;
      const raw = c.received();
      const body = jsonBodyOf(raw) as { status?: string; error?: { code?: string } } | null;
      const key = `${kind} ${statusOf(raw)} ${body?.error?.code} ${headerOf(raw, 'connection')}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    const judgeTimedOut = seen.get('stalled-judge 408 REQUEST_TIMEOUT close') ?? 0;
    expect(judgeTimedOut).toBeGreaterThan(0);
    expect(Object.fromEntries(seen)).toEqual({
      'unauthenticated 401 UNAUTHORIZED close': 250,
      'stalled-put 408 REQUEST_TIMEOUT close': 250,
      'stalled-judge 408 REQUEST_TIMEOUT close': judgeTimedOut,
      ...(judgeTimedOut < 250 ? { 'stalled-judge 429 JUDGE_QUEUE_FULL close': 250 - judgeTimedOut } : {}),
      'stalled-headers 408 REQUEST_TIMEOUT close': 250,
    });

    // The service is still fine afterwards.
    expect((await fetch(`${svc.baseUrl}/readyz`)).status).toBe(200);
  }, 120_000);
});

describe('per-client connection cap', () => {
  let svc: JudgeService;

  beforeAll(async () => {
    svc = await startJudgeService({
      config: { http: { requestTimeoutMs: REQUEST_TIMEOUT_MS, maxConnectionsPerClient: 50 } },
    });
  }, 60_000);

  afterAll(async () => {
    await svc?.cleanup();
  });

  it('answers connections beyond the cap from one address 429 and closes them; another address is served', async () => {
    // 127.0.0.2 is another loopback address: another client to the service.
    const conns = await openMany(svc.port, 200, (i) => halfRequest('stalled-put', i), '127.0.0.2');
    await sleep(500);
    const refused = conns.filter((c) => c.socket.destroyed);
    expect(refused.length).toBe(150);
    // Each one gets a 429 (Orca retries it; a dropped connection would fail the stage), then is closed.
    for (const c of refused) {
      const raw = c.received();
      expect({
        status: statusOf(raw),
        code: (jsonBodyOf(raw) as { error?: { code?: string } } | null)?.error?.code,
        retryAfter: headerOf(raw, 'retry-after'),
        byServer: c.closedByServer(),
      }).toEqual({ status: 429, code: 'TOO_MANY_CONNECTIONS', retryAfter: '1', byServer: true });
    }
    const res = await fetch(`${svc.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    const put = await fetch(`${svc.baseUrl}/v1/judgments/cap-ok`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('healthy')),
    });
    expect(put.status).toBe(201);
    // The 50 admitted ones end with the request timeout like any stalled request.
    const rest = conns.filter((c) => !c.socket.destroyed);
    await Promise.race([Promise.all(rest.map((c) => c.closed)), sleep(REQUEST_TIMEOUT_MS + 10_000)]);
    expect(rest.filter((c) => !c.socket.destroyed).length).toBe(0);
    expect(rest.every((c) => statusOf(c.received()) === 408)).toBe(true);
  }, 60_000);
});
