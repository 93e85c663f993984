import { describe, expect, it } from 'vitest';
import { LOW_SAMPLE_WARNING } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { StoredInterval, StoredJudgment } from '../store/port';
import { MAX_MESSAGE, MAX_RESOURCE_WARNINGS, toResource } from './resource';

const T0 = Date.parse('2024-05-01T12:00:00Z');

function judgment(over: Partial<StoredJudgment> = {}): StoredJudgment {
  return {
    key: 'k',
    digest: 'd',
    request: demoRequest(),
    status: 'RUNNING',
    verdict: null,
    score: null,
    error: null,
    warnings: [],
    intervalsPlanned: 3,
    deadlineMs: T0 + 40 * 60_000,
    createdMs: T0,
    updatedMs: T0,
    completedMs: null,
    attempt: 1,
    terminalServed: false,
    ...over,
  };
}

function interval(index: number, over: Partial<StoredInterval> = {}): StoredInterval {
  return {
    judgmentKey: 'k',
    index,
    experimentStartMs: T0,
    experimentEndMs: T0 + index * 600_000,
    controlStartMs: T0,
    controlEndMs: T0 + index * 600_000,
    dueMs: T0 + index * 600_000,
    state: 'PENDING',
    claimOwner: null,
    claimExpiresMs: null,
    attempts: 0,
    score: null,
    warnings: [],
    error: null,
    completedMs: null,
    ...over,
  };
}

const BASE = 'https://judge.example.com';

describe('toResource', () => {
  it('a running judgment: QUEUED, no verdict, the next due time, ends with the report URL', () => {
    const r = toResource(judgment(), [interval(1), interval(2), interval(3)], BASE);
    expect(r).toMatchObject({
      status: 'RUNNING',
      phase: 'QUEUED',
      verdict: null,
      intervalScores: [],
      intervalsPlanned: 3,
    });
    expect(r.message).toBe(
      'Queued: 3 intervals from source demo; interval 1 of 3 due at 2024-05-01T12:10:00.000Z. Report: https://judge.example.com/v1/judgments/k/report',
    );
  });

  it('a finished PASS: the message starts with the verdict and the score', () => {
    const done = (i: number) => interval(i, { state: 'DONE', score: 87.5, completedMs: T0 + i * 600_000 });
    const r = toResource(
      judgment({ status: 'SUCCEEDED', verdict: 'PASS', score: 87.5, completedMs: T0 + 1_800_000 }),
      [done(1), done(2), done(3)],
      BASE,
    );
    expect(r.message).toMatch(
      /^PASS 87\.5\/100: score 87\.5 meets pass 75 after 3 of 3 intervals\. Report: https:\/\/judge/,
    );
    expect(r.intervalScores).toEqual([87.5, 87.5, 87.5]);
    expect(r.phase).toBe('DONE');
  });

  it('keeps the message within 500 characters with a 200-character key and a long error, still ending with the URL', () => {
    const key = 'k'.repeat(200);
    const r = toResource(
      judgment({
        key,
        status: 'TERMINAL',
        error: { code: 'BAD_QUERY', message: 'x'.repeat(2000) },
        completedMs: T0,
      }),
      [interval(1)],
      BASE,
    );
    expect(r.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(r.message.startsWith('ERROR BAD_QUERY: xxx')).toBe(true);
    expect(r.message.endsWith(`Report: ${BASE}/v1/judgments/${key}/report`)).toBe(true);
    expect(r.error?.message.length).toBeLessThanOrEqual(300);
  });

  it('caps the warnings and says how many more there are', () => {
    const warnings = Array.from({ length: 50 }, (_, i) => `warning ${i}`);
    const r = toResource(judgment({ warnings }), [interval(1)], BASE);
    expect(r.warnings).toHaveLength(MAX_RESOURCE_WARNINGS);
    expect(r.warnings[MAX_RESOURCE_WARNINGS - 1]).toBe('…and 31 more warnings (see the report)');
    expect(JSON.stringify(r).length).toBeLessThan(16 * 1024);
  });

  it('lists each warning once: one entry for the same warning about many intervals (issue 13)', () => {
    const noSeries = 'metric cpu (canary checkout-canary): the query returned no series';
    const intervals = Array.from({ length: 60 }, (_, i) =>
      interval(i + 1, { warnings: [`interval ${i + 1}: ${noSeries}`, LOW_SAMPLE_WARNING] }),
    );
    const r = toResource(judgment({ warnings: ['may take up to 75 min'] }), intervals, BASE);
    expect(r.warnings).toEqual(['may take up to 75 min', `${noSeries} (intervals 1–60)`, LOW_SAMPLE_WARNING]);
  });
});
