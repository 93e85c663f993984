/**
 * Issue 14 §3, over real sockets against the service process: large `POST /judge` bodies used to be parsed and
 * judged on the event loop, so `/healthz` and status polls waited for them. Now they run in the judge worker pool:
 * while a body is being judged in a worker (the pool's `running` gauge is 1), the same service answers `/metrics`,
 * `/healthz` and a status poll — which is impossible if the judging blocked the event loop. Bodies beyond
 * `workers.threads + workers.maxQueue` are refused at once with 429 `JUDGE_QUEUE_FULL` and `Retry-After`, and the
 * judged ones get exactly the library judge's result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge } from '@canary-judge/shared';
import { buildRequest } from '../../bench/judge';
import { demoRequest } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';

let svc: JudgeService;

beforeAll(async () => {
  svc = await startJudgeService({ config: { workers: { threads: 1, maxQueue: 2 } } });
}, 60_000);

afterAll(async () => {
  await svc?.cleanup();
});

/** The pool's gauge values from a `/metrics` text. */
function poolGauge(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^canary_judge_judge_pool_tasks\{state="(\w+)"\} (\S+)$/gm)) {
    out[m[1] as string] = Number(m[2]);
  }
  return out;
}

describe('large POST /judge bodies', () => {
  it('are judged off the event loop: probes, polls and scrapes are answered while a worker judges', async () => {
    const created = await fetch(`${svc.baseUrl}/v1/judgments/large-bodies`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(demoRequest('healthy')),
    });
    expect(created.status).toBe(201);

    // About 9 MB each (100 metrics × 5,000 points per side).
    const request = buildRequest(100, 5_000);
    const body = JSON.stringify(request);
    const expected = JSON.parse(JSON.stringify(judge(request))) as unknown;
    const calls = Array.from({ length: 4 }, () =>
      fetch(`${svc.baseUrl}/judge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        async (res) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() }),
        // A refusal answers 429 and closes the connection before the body is read; a client still writing its 9 MB
        // may see the close (EPIPE/ECONNRESET) before it reads the 429. Either way the body was refused at once.
        (e: unknown) => {
          const cause = (e as { cause?: { code?: string } }).cause?.code ?? '';
          if (!/EPIPE|ECONNRESET|UND_ERR_SOCKET/.test(cause)) throw e;
          return { status: -1, retryAfter: null, text: '' };
        },
      ),
    );
    let settled = 0;
    for (const c of calls) void c.then(() => settled++);

    // Scrape until a scrape shows a body being judged in a worker, then probe and poll at that moment.
    let whileJudging: { gauge: Record<string, number>; healthz: number; poll: number } | null = null;
    while (settled < calls.length && whileJudging === null) {
      const gauge = poolGauge(await (await fetch(`${svc.baseUrl}/metrics`)).text());
      if (gauge['running'] === 1) {
        const healthz = (await fetch(`${svc.baseUrl}/healthz`)).status;
        const poll = (await fetch(`${svc.baseUrl}/v1/judgments/large-bodies`)).status;
        const after = poolGauge(await (await fetch(`${svc.baseUrl}/metrics`)).text());
        // Still judging after the probe and the poll were answered.
        if (after['running'] === 1) whileJudging = { gauge: after, healthz, poll };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(whileJudging).toMatchObject({ healthz: 200, poll: 200, gauge: { running: 1 } });

    const results = await Promise.all(calls);
    const ok = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429 || r.status === -1);
    // 1 thread + 2 queued: three bodies are judged; the fourth is refused at once (the others are still running).
    expect({ ok: ok.length, refused: refused.length }).toEqual({ ok: 3, refused: 1 });
    for (const r of ok) expect(JSON.parse(r.text)).toEqual(expected);
    for (const r of refused.filter((x) => x.status === 429)) {
      expect(r.retryAfter).toBe('1');
      expect(JSON.parse(r.text)).toMatchObject({ status: 'RUNNING', error: { code: 'JUDGE_QUEUE_FULL' } });
    }
    // Slots are freed: the next body is judged.
    const again = await fetch(`${svc.baseUrl}/judge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildRequest(3, 100)),
    });
    expect(again.status).toBe(200);
    expect(poolGauge(await (await fetch(`${svc.baseUrl}/metrics`)).text())).toEqual({
      bodies: 0,
      queued: 0,
      running: 0,
    });
  }, 120_000);
});
