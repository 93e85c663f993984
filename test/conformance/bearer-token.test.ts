/**
 * The judge's optional bearer token (CANARY_JUDGE_TOKEN) as Orca experiences it: without the header the create call
 * gets 401 and the stage fails at once; with it in `customHeaders` the stage runs — and the token is then stored in
 * the stage context, which is why orca-local.yml and the operator guide warn about it
 * (`docs/design/orca-webhook-contract.md` §4).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { demoRequest, expectRefusedStage, finalBody, pluginStage, runStage } from './harness';

const TOKEN = 'conformance-token-123';
let judge: JudgeService | undefined;

beforeAll(async () => {
  judge = await startJudgeService({ clockSpeed: 60, token: TOKEN, config: { scheduler: { tickMs: 100 } } });
});

afterAll(async () => {
  await judge?.cleanup();
});

describe('bearer token on the judge API', () => {
  it('refuses a stage without the token with 401 (TERMINAL, JSON body with status and message)', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', demoRequest({}), { cancelEndpoint: '' }));
    expectRefusedStage(run, 401);
  });

  it('runs a stage that sends the token, which then sits in the stage context for every reader', async () => {
    const stage = pluginStage(judge?.baseUrl ?? '', demoRequest({ lifetimeMinutes: 1, intervalMinutes: 1 }));
    stage.customHeaders = { ...(stage.customHeaders as object), Authorization: `Bearer ${TOKEN}` };
    const run = await runStage(stage);
    expect(run.status).toBe('SUCCEEDED');
    expect(finalBody(run)).toMatchObject({ verdict: 'PASS' });
    expect(run.calls.filter((c) => c.phase === 'poll').every((c) => c.status === 200)).toBe(true);
    expect(JSON.stringify(run.context)).toContain(TOKEN);
  });
});
