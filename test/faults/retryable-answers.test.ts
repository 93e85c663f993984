/**
 * Issue 14 §4: a retryable answer (503 while the database is unreachable) must not carry Orca's terminal status
 * word, nor the database address. The Orca-shaped client runs the judge's stage against the real HTTP service while
 * its store fails three polls with the PostgreSQL adapter's 503; it must keep polling through them and reach the
 * verdict, and every 503 body it saw must say `status: "RUNNING"` (which the stage's status lists map to "keep
 * polling", were a client to read it) and "database unreachable" without the address.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, testService } from '@canary-judge/orca-stage-spec/testing';
import { fakeClock, mapStatusValue, runWebhookStage, type StageJson, type StatusLists } from '../orca-client';
import { JUDGE_MONITOR_FIELDS } from '../orca-client/judge-monitor';
import { demoRequest } from '../conformance/harness';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('503 answers during a database outage', () => {
  it('keep the Orca-shaped client polling (status RUNNING, no address) until the verdict', async () => {
    const svc = await testService();
    close = () => svc.close();
    await svc.app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(svc.app.server.address() as AddressInfo).port}`;

    // The store goes away for polls 2–4, answering like the PostgreSQL adapter does (address in `detail` only).
    // A status poll reads the judgment with its intervals (getJudgmentWithIntervals); both reads go away.
    let down = false;
    const outage = () =>
      new StoreUnavailableError(
        'the judgment store (PostgreSQL) is unavailable: database unreachable; retry',
        'connect ECONNREFUSED 127.0.0.1:55432',
      );
    const realGet = svc.store.getJudgment.bind(svc.store);
    svc.store.getJudgment = async (key) => {
      if (down) throw outage();
      return realGet(key);
    };
    const realGetWithIntervals = svc.store.getJudgmentWithIntervals.bind(svc.store);
    svc.store.getJudgmentWithIntervals = async (key) => {
      if (down) throw outage();
      return realGetWithIntervals(key);
    };

    const stage: StageJson = {
      type: 'webhook',
      name: 'Canary Judge',
      refId: '1',
      url: `${base}/v1/judgments/\${execution.id}-\${#currentStage().id}`,
      method: 'PUT',
      customHeaders: { 'Content-Type': 'application/json' },
      payload: demoRequest({ lifetimeMinutes: 20, intervalMinutes: 10 }),
      ...JUDGE_MONITOR_FIELDS,
    };
    const run = await runWebhookStage(stage, {
      clock: fakeClock(),
      execution: { id: 'E503', application: 'checkout', name: 'deploy' },
      stageId: 'S1',
      urlRestrictions: { enabled: false },
      onPoll: async (count) => {
        down = count >= 1 && count < 4;
        if (count >= 4) {
          // The database is back: let judgment time pass and the scheduler judge the due intervals.
          svc.clock.advance(10 * 60_000);
          while ((await svc.scheduler.runOnce()) > 0);
        }
      },
    });

    const outages = run.calls.filter((c) => c.phase === 'poll' && c.status === 503);
    expect(outages.length).toBe(3);
    for (const call of outages) {
      const text = call.bodyText ?? '';
      const body = JSON.parse(text) as { status: string; error: { code: string; message: string } };
      expect(body.error.code).toBe('STORE_UNAVAILABLE');
      expect(body.error.message).toContain('database unreachable');
      expect(text).not.toMatch(/TERMINAL|ECONNREFUSED|55432/);
      expect(mapStatusValue(body.status, stage as StatusLists).status).toBe('RUNNING');
    }
    expect(run.status).toBe('SUCCEEDED');
    expect((run.context.webhook as { monitor: { body: unknown } }).monitor.body).toMatchObject({
      status: 'SUCCEEDED',
      verdict: 'PASS',
    });
  });
});
