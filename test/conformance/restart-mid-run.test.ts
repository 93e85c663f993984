/**
 * `docs/design/orca-webhook-contract.md` §7 "judge restart mid-run → the next poll still returns 200": the judge
 * process is killed (kill -9) and started again on the same port and SQLite file between two of Orca's polls.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { demoRequest, finalBody, pluginStage, runStage } from './harness';

const services: JudgeService[] = [];

afterAll(async () => {
  for (const service of services.reverse()) await service.cleanup();
});

describe('judge restart between polls', () => {
  it('keeps answering 200 for the running judgment after kill -9 and restart, and finishes it', async () => {
    const config = { scheduler: { tickMs: 100, deadlineGraceMinutes: 240 } }; // the clock runs on while the judge is down
    const first = await startJudgeService({ clockSpeed: 60, config });
    services.push(first);
    let restarted = false;
    const run = await runStage(pluginStage(first.baseUrl, demoRequest({ lifetimeMinutes: 3, intervalMinutes: 1 })), {
      onPoll: async (n) => {
        if (n === 3 && !restarted) {
          restarted = true;
          await first.kill9();
          services.push(await startJudgeService({ clockSpeed: 60, config, dbFile: first.dbFile, port: first.port }));
        }
      },
    });
    expect(restarted).toBe(true);
    const polls = run.calls.filter((c) => c.phase === 'poll');
    expect(polls.length).toBeGreaterThan(3);
    expect(polls.every((c) => c.status === 200)).toBe(true);
    expect(run.status).toBe('SUCCEEDED');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', intervalsPlanned: 3 });
    expect(body.intervalScores).toHaveLength(3);
  });
});
