/**
 * Orca's "Restart stage" (orca-contract §2.9): Orca keeps the stage context — including the URL and payload as
 * already evaluated — and runs the tasks again with a new stage start time. Modelled by the client's `restartFrom`.
 * Consequence for the plugin's `alias: webhook` stage: the restart reuses the judgment key and gets the stored
 * judgment back; the preconfigured webhook re-applies its URL template, so a restart there is a fresh judgment.
 * (A reading of Orca's code, to verify on a real Orca; the operator guide says so.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { loadOrcaLocal, rebase } from '../stage-contract/stage-documents';
import { demoRequest, finalBody, freshIds, jsonOf, pluginStage, runStage } from './harness';

let judge: JudgeService | undefined;

beforeAll(async () => {
  judge = await startJudgeService({ clockSpeed: 60, config: { scheduler: { tickMs: 100 } } });
});

afterAll(async () => {
  await judge?.cleanup();
});

describe('"Restart stage" as Orca models it', () => {
  it('plugin stage (alias webhook): the restart reuses the key and gets the stored verdict back at once', async () => {
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
    expect(create2?.status).toBe(200);
    expect(jsonOf(create2).createdAt).toBe(jsonOf(create1).createdAt);
    expect(again.status).toBe('TERMINAL');
    expect(again.calls.filter((c) => c.phase === 'poll')).toHaveLength(1);
  });

  it('preconfigured webhook: the restart gets a new key (new start time) and a new judgment', async () => {
    const entries = rebase(loadOrcaLocal(), judge?.baseUrl ?? '').webhook.preconfigured;
    const ids = freshIds();
    const stage = {
      type: 'canaryJudgeGeneric',
      name: 'Canary Judge',
      alias: 'preconfiguredWebhook',
      parameterValues: {
        metricSource: 'demo',
        canaryConfigJson: '{"metrics": [{"name": "latency", "groups": ["g"], "query": {"series": "latency"}}]}',
        controlScope: 'checkout-baseline',
        experimentScope: 'checkout-canary',
        location: '',
        lifetimeMinutes: '60',
        intervalMinutes: '30',
        warmupMinutes: '0',
        passThreshold: '75',
        marginalThreshold: '50',
      },
    };
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
