/**
 * Orca's "Restart stage" (`docs/design/orca-webhook-contract.md` §2.8): Orca keeps the stage context — including the
 * URL and payload as already evaluated (`RunTaskHandler` stores the processed context; `RestartStageHandler.reset()`
 * does not clear it) — and runs the tasks again with a new stage start time. Modelled by the client's `restartFrom`.
 * For the plugin's `alias: webhook` stage the restart PUTs the same key and body again. Because Orca retries a create
 * only before its first successful create answer (so before any status poll), a PUT after a terminal status was
 * served to a poll can only be a restart: the service starts a new attempt under the same key, which runs to its own
 * verdict, keeps the earlier one and lists it. A PUT before that point still answers the stored judgment.
 * The preconfigured webhook re-applies its URL template, so a restart there is a new key anyway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { waitUntil } from '../support/wait';
import { loadOrcaLocal, rebase } from '../stage-contract/stage-documents';
import { demoRequest, finalBody, freshIds, genericStage, jsonOf, pluginStage, runStage } from './harness';

let judge: JudgeService | undefined;

beforeAll(async () => {
  judge = await startJudgeService({ clockSpeed: 60, config: { scheduler: { tickMs: 100 } } });
});

afterAll(async () => {
  await judge?.cleanup();
});

describe('"Restart stage" as Orca models it', () => {
  it('plugin stage (alias webhook): the restart reuses the key and runs a new attempt to its own verdict', async () => {
    const ids = freshIds();
    const stage = pluginStage(
      judge?.baseUrl ?? '',
      demoRequest({ experimentScope: 'checkout-canary-latency-regression', lifetimeMinutes: 1, intervalMinutes: 1 }),
    );
    const first = await runStage(stage, {}, ids);
    expect(finalBody(first)).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    const again = await runStage(
      stage,
      { restartFrom: first.context },
      { ...ids, stageStartTime: (ids.stageStartTime ?? 0) + 3_600_000 },
    );
    const [create1, create2] = [first, again].map((run) => run.calls.find((c) => c.phase === 'create'));
    expect(create2?.url).toBe(create1?.url);
    expect(create2?.status).toBe(201);
    const created = jsonOf(create2);
    expect(created).toMatchObject({ status: 'RUNNING', attempt: 2, verdict: null });
    expect(created.createdAt).not.toBe(jsonOf(create1).createdAt);
    expect(created.earlierAttempts).toEqual([
      expect.objectContaining({
        attempt: 1,
        status: 'TERMINAL',
        verdict: 'FAIL',
        createdAt: jsonOf(create1).createdAt,
      }),
    ]);
    // The new attempt was polled until it reached its own verdict.
    expect(again.calls.filter((c) => c.phase === 'poll').length).toBeGreaterThan(1);
    expect(again.status).toBe('TERMINAL');
    expect(finalBody(again)).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL', attempt: 2 });
    const report = (await (await fetch(`${String(created.reportUrl)}`)).json()) as {
      judgment: Record<string, unknown>;
      intervals: unknown[];
    };
    expect(report.judgment).toMatchObject({ attempt: 2, earlierAttempts: [expect.objectContaining({ attempt: 1 })] });
    expect(report.intervals).toHaveLength(1);
  });

  it('a PUT before any status poll answers the stored judgment, even a finished one (a create retry, not a restart)', async () => {
    const base = judge?.baseUrl ?? '';
    const key = `retry-before-poll-${Date.now()}`;
    // Sent directly (not templated by Orca): without the `${…}` Spinnaker context the stage would carry.
    const { spinnaker: _templated, ...request } = demoRequest({ lifetimeMinutes: 1, intervalMinutes: 1 });
    const body = JSON.stringify(request);
    const put = () =>
      fetch(`${base}/v1/judgments/${key}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    const created = await put();
    expect(created.status).toBe(201);
    const first = (await created.json()) as Record<string, unknown>;
    // Wait for the verdict through the report (never a status poll, so nothing has been served to Orca yet).
    await waitUntil(
      async () => {
        const r = (await (await fetch(`${base}/v1/judgments/${key}/report`)).json()) as {
          judgment: { status: string };
        };
        return r.judgment.status !== 'RUNNING';
      },
      { timeoutMs: 30_000, what: 'the judgment to finish' },
    );
    const retry = await put();
    expect(retry.status).toBe(200);
    const replayed = (await retry.json()) as Record<string, unknown>;
    expect(replayed.createdAt).toBe(first.createdAt);
    expect(replayed.attempt).toBeUndefined();
    expect(replayed.status).not.toBe('RUNNING');
    // Once a poll has served the terminal status, the same PUT is a restart.
    expect((await fetch(`${base}/v1/judgments/${key}`)).status).toBe(200);
    const restart = await put();
    expect(restart.status).toBe(201);
    expect(await restart.json()).toMatchObject({ status: 'RUNNING', attempt: 2 });
    // A replay of that restart PUT (Orca's create retry) answers attempt 2 again, not a third attempt.
    const replay2 = await put();
    expect(replay2.status).toBe(200);
    expect(await replay2.json()).toMatchObject({ attempt: 2 });
  });

  it('preconfigured webhook: the restart gets a new key (new start time) and a new judgment', async () => {
    const entries = rebase(loadOrcaLocal(), judge?.baseUrl ?? '').webhook.preconfigured;
    const ids = freshIds();
    const stage = genericStage('');
    const stopAfterFirstPoll = () => {
      const abort = new AbortController();
      return { cancelSignal: abort.signal, onPoll: () => abort.abort(), preconfigured: entries };
    };
    const first = await runStage(stage, stopAfterFirstPoll(), ids);
    const again = await runStage(
      stage,
      { ...stopAfterFirstPoll(), restartFrom: first.context },
      { ...ids, stageStartTime: (ids.stageStartTime ?? 0) + 3_600_000 },
    );
    const [create1, create2] = [first, again].map((run) => run.calls.find((c) => c.phase === 'create'));
    expect(create1?.status).toBe(201);
    expect(create2?.status).toBe(201);
    expect(create2?.url).not.toBe(create1?.url);
    expect(create2?.url).toContain(String((ids.stageStartTime ?? 0) + 3_600_000));
  });
});
