import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { MetricSourceError, type MetricSource } from '../sources/port';
import { createDemoSource, type DemoScenario } from '../sources/demo';
import { StoreUnavailableError } from '../store/port';
import { fakeJudge, T0, testService } from '../testing/fixtures';
import { scriptedSource } from '../testing/fake-source';
import { ManualClock } from './clock';
import { EvaluationPacer } from './pacing';
import { Scheduler } from './scheduler';

const MIN = 60_000;
const services: RunningService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}, sources?: Map<string, MetricSource>) {
  const s = await testService(env, sources ? { sources } : {});
  services.push(s);
  return s;
}

/**
 * Starts a service holding judgment `k` whose only metric is forced to `score`, with the clock moved past all three
 * intervals' due times.
 */
async function startForcedScore(scenario: DemoScenario, score: number) {
  const s = await start();
  const req = demoRequest(scenario);
  req.canaryConfig = structuredClone(req.canaryConfig);
  req.canaryConfig.metrics[0]!.query = { series: 'latency', forceScore: score };
  await s.service.create('k', req);
  s.clock.advance(30 * MIN);
  return s;
}

/** A healthy retrospective judgment over 10:00–11:00 UTC on 2024-05-01 (all due at once), in `intervalMinutes` steps. */
function retrospectiveRequest(intervalMinutes: number) {
  return demoRequest('healthy', {
    startTimeIso: '2024-05-01T10:00:00Z',
    endTimeIso: '2024-05-01T11:00:00Z',
    intervalMinutes,
  });
}

describe('scheduler', () => {
  it('computes each interval when it is due, without polls, and finishes with the last verdict (PASS)', async () => {
    const s = await start();
    await s.service.create('k', demoRequest('healthy'));
    expect(await s.scheduler.runOnce()).toBe(0); // nothing due at T0

    s.clock.advance(10 * MIN - 1);
    expect(await s.scheduler.runOnce()).toBe(0);
    s.clock.advance(1);
    expect(await s.scheduler.runOnce()).toBe(1);
    let j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'RUNNING', phase: 'WAITING_FOR_DATA', intervalScores: [100] });
    expect(j?.message).toMatch(/^Running: interval 1 of 3 scored 100/);

    s.clock.advance(20 * MIN);
    expect(await s.scheduler.runOnce()).toBe(1); // one interval per pass and judgment, in order
    expect(await s.scheduler.runOnce()).toBe(1);
    expect(await s.scheduler.runOnce()).toBe(0);
    j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100, intervalScores: [100, 100, 100] });
    expect(j?.message).toMatch(
      /^PASS 100\/100: .*score 100 meets pass 75.*Report: http:\/\/127\.0\.0\.1:8095\/v1\/judgments\/k\/report$/,
    );
    expect(j?.completedAt).toBe(new Date(T0 + 30 * MIN).toISOString());
  });

  it('warns at creation when the judgment can outlast Orca’s one-hour monitor timeout', async () => {
    const s = await start();
    const short = await s.service.create('short', demoRequest('healthy', { lifetimeMinutes: 40 }));
    expect(short.judgment.warnings).toEqual([]); // 40 + 10 min grace
    const long = await s.service.create('long', demoRequest('healthy', { lifetimeMinutes: 60, intervalMinutes: 15 }));
    expect(long.judgment.warnings).toEqual([
      "this judgment may take up to 70 min (deadline included): set the stage's stageTimeoutMs to at least 4200000, or Orca's webhook monitor gives up after 60 min",
    ]);
  });

  it('fails fast at or below marginal and never runs the later intervals', async () => {
    const s = await startForcedScore('latency-regression', 50);
    await s.scheduler.runOnce();
    await s.scheduler.runOnce();
    const j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL', score: 50, intervalScores: [50] });
    expect(j?.message).toMatch(/^FAIL \d+\/100: .*stopped early\. Report: /);
    const report = await s.service.report('k');
    expect(report?.intervals.map((i) => i.state)).toEqual(['DONE', 'PENDING', 'PENDING']);
  });

  it('ends MARGINAL when the last score is between marginal and pass', async () => {
    const s = await startForcedScore('healthy', 60);
    for (let i = 0; i < 3; i++) await s.scheduler.runOnce();
    const j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'TERMINAL', verdict: 'MARGINAL', score: 60, intervalScores: [60, 60, 60] });
    expect(j?.message).toMatch(/^MARGINAL 60\/100: .*score 60 is above marginal 50 but below pass 75/);
  });

  it('judges a retrospective judgment at once', async () => {
    const s = await start();
    await s.service.create('retro', retrospectiveRequest(20));
    expect(await s.scheduler.runOnce()).toBe(1);
    await s.scheduler.runOnce();
    await s.scheduler.runOnce();
    expect(await s.service.get('retro')).toMatchObject({ status: 'SUCCEEDED', intervalScores: [100, 100, 100] });
  });

  it('the running loop judges already-due intervals back to back, without waiting for the next tick', async () => {
    const s = await start();
    await s.service.create('retro', retrospectiveRequest(10));
    const loop = new Scheduler({
      store: s.store,
      sources: new Map([['demo', createDemoSource()]]),
      judge: fakeJudge,
      clock: s.clock,
      tickRealMs: 600_000, // a second pass only happens through the immediate follow-up
    });
    loop.start();
    try {
      await vi.waitFor(async () => expect((await s.service.get('retro'))?.status).toBe('SUCCEEDED'), {
        timeout: 15_000, // generous for a loaded CI machine; without the follow-up passes it would take 50 min
        interval: 20,
      });
    } finally {
      await loop.stop();
    }
    expect((await s.service.get('retro'))?.intervalScores).toHaveLength(6);
  }, 20_000);

  it('claims no more than the pacer allows, and tells it when every slot was used so the limit can grow', async () => {
    const s = await start();
    for (const k of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) await s.service.create(k, retrospectiveRequest(10));
    const paced = (pacer: EvaluationPacer) =>
      new Scheduler({
        store: s.store,
        sources: new Map([['demo', createDemoSource()]]),
        judge: fakeJudge,
        clock: s.clock,
        maxConcurrent: 4,
        pacer,
      });
    // Pacing off: the ceiling.
    expect(await paced(new EvaluationPacer({ maxConcurrent: 4, targetMs: 0, windowMs: 1 })).runOnce()).toBe(4);
    // Pacing on: slow start at 1 although 4 judgments have due intervals; each pass fills its one slot, so after four
    // calm windows (no polls) the limit is 2.
    const pacer = new EvaluationPacer({ maxConcurrent: 4, targetMs: 25, windowMs: 1 });
    const scheduler = paced(pacer);
    const claims: number[] = [];
    for (let i = 0; i < 5; i++) {
      claims.push(await scheduler.runOnce());
      await new Promise((r) => setTimeout(r, 2)); // the 1 ms window ends
    }
    expect(claims).toEqual([1, 1, 1, 1, 2]);
  });

  it('fetches the planned windows: warm-up, sliding lookback, baseline offset, step, scopes and locations', async () => {
    const calls: Array<{
      side: string;
      scope: string;
      location: string | undefined;
      start: number;
      end: number;
      step: number;
    }> = [];
    const recording: MetricSource = {
      ...createDemoSource('demo'),
      fetch: async (req) => {
        calls.push({
          side: req.side,
          scope: req.scope,
          location: req.location,
          start: req.startMs,
          end: req.endMs,
          step: req.stepSeconds,
        });
        return createDemoSource().fetch(req);
      },
    };
    const s = await start({}, new Map([['demo', recording]]));
    const req = demoRequest('healthy', {
      lifetimeMinutes: 20,
      intervalMinutes: 10,
      warmupMinutes: 5,
      lookbackMinutes: 5,
      baselineOffsetMinutes: 60,
      stepSeconds: 30,
    });
    req.canaryConfig = {
      ...req.canaryConfig,
      metrics: req.canaryConfig.metrics.slice(0, 1),
      classifier: { groupWeights: { latency: 100 } },
    };
    req.scopes = { controlScope: 'base', experimentScope: 'can', controlLocation: 'eu-1', experimentLocation: 'eu-2' };
    await s.service.create('k', req);
    s.clock.advance(15 * MIN - 1);
    expect(await s.scheduler.runOnce()).toBe(0); // warm-up 5 + interval 10
    s.clock.advance(1);
    await s.scheduler.runOnce();
    s.clock.advance(10 * MIN);
    await s.scheduler.runOnce();
    const at = (m: number) => T0 + m * MIN;
    expect(calls).toEqual([
      { side: 'control', scope: 'base', location: 'eu-1', start: at(10 - 60), end: at(15 - 60), step: 30 },
      { side: 'experiment', scope: 'can', location: 'eu-2', start: at(10), end: at(15), step: 30 },
      { side: 'control', scope: 'base', location: 'eu-1', start: at(20 - 60), end: at(25 - 60), step: 30 },
      { side: 'experiment', scope: 'can', location: 'eu-2', start: at(20), end: at(25), step: 30 },
    ]);
  });

  it('cancel stops further intervals; a result computed for a cancelled judgment is discarded', async () => {
    const s = await start();
    await s.service.create('k', demoRequest('healthy'));
    s.clock.advance(10 * MIN);
    await s.scheduler.runOnce();
    await s.service.cancel('k');
    s.clock.advance(20 * MIN);
    expect(await s.scheduler.runOnce()).toBe(0);
    expect(await s.service.get('k')).toMatchObject({ status: 'CANCELED', intervalScores: [100], verdict: null });
  });

  it('retries transient source errors; the deadline ends the retries with the source error code', async () => {
    let calls = 0;
    const down = scriptedSource(async () => {
      calls++;
      throw new MetricSourceError('PROMETHEUS_UNREACHABLE', 'cannot reach Prometheus at http://127.0.0.1:1');
    });
    const s = await start({}, new Map([['demo', down]]));
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * MIN);
    await s.scheduler.runOnce();
    expect(calls).toBeGreaterThan(0);
    let j = await s.service.get('k');
    expect(j?.status).toBe('RUNNING');
    expect(j?.message).toContain('retrying: PROMETHEUS_UNREACHABLE');
    s.clock.advance(60_000);
    const before = calls;
    await s.scheduler.runOnce();
    expect(calls).toBeGreaterThan(before); // retried after the retry delay
    s.clock.advance(10 * MIN); // past lifetime + 10 min grace, with the interval still failing
    await s.scheduler.runOnce();
    j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'PROMETHEUS_UNREACHABLE' } });
    expect(j?.error?.message).toMatch(
      /^cannot reach Prometheus at http:\/\/127\.0\.0\.1:1; source "demo", interval 1 \(window 2024-05-01T12:00:00Z–12:10:00Z\), 2 attempts: the judge's deadline 2024-05-01T12:20:00\.000Z came first$/,
    );
    expect(j?.message).toMatch(/^ERROR PROMETHEUS_UNREACHABLE: cannot reach Prometheus/);
  });

  it('stops after scheduler.maxSourceAttempts attempts with the source error code, waits growing in between', async () => {
    const seen: number[] = [];
    const clock = { now: () => 0 };
    const slow = scriptedSource(async (r) => {
      if (r.side === 'control') seen.push(clock.now());
      throw new MetricSourceError('TIMEOUT', `metric ${r.metric.name} (baseline ${r.scope}): did not answer in 1 ms`);
    });
    const dir = mkdtempSync(join(tmpdir(), 'sched-attempts-'));
    dirs.push(dir);
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ scheduler: { maxSourceAttempts: 3, deadlineGraceMinutes: 120 } }));
    const s = await start({ CANARY_JUDGE_CONFIG: file }, new Map([['demo', slow]]));
    clock.now = () => s.clock.now();
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    for (let i = 0; i < 40 && (await s.service.get('k'))?.status === 'RUNNING'; i++) {
      s.clock.advance(30_000);
      await s.scheduler.runOnce();
    }
    const j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'TIMEOUT' } });
    expect(j?.error?.message).toContain('metric request-latency (baseline checkout-baseline): did not answer in 1 ms');
    expect(j?.error?.message).toMatch(/3 attempts: no retries left \(scheduler\.maxSourceAttempts 3\)$/);
    expect([...new Set(seen)].map((t) => (t - T0) / 1000)).toEqual([600, 660, 780]); // due, +60 s, then +120 s
    const report = await s.service.report('k');
    expect(report?.intervals[0]).toMatchObject({ state: 'FAILED', attempts: 3, error: { code: 'TIMEOUT' } });
  });

  it('a source that recovers within the attempts gives the normal verdict', async () => {
    const attempts = new Set<number>();
    const clock = { now: () => 0 };
    const demo = createDemoSource();
    const flaky: MetricSource = {
      ...demo,
      fetch: async (r) => {
        attempts.add(clock.now());
        if (attempts.size <= 2) {
          throw new MetricSourceError('PROMETHEUS_UNREACHABLE', 'cannot reach Prometheus at http://127.0.0.1:1');
        }
        return demo.fetch(r);
      },
    };
    const s = await start({}, new Map([['demo', flaky]]));
    clock.now = () => s.clock.now();
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    for (let i = 0; i < 60 && (await s.service.get('k'))?.status === 'RUNNING'; i++) {
      s.clock.advance(30_000);
      await s.scheduler.runOnce();
    }
    expect(await s.service.get('k')).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', error: null });
    expect((await s.service.report('k'))?.intervals[0]).toMatchObject({ state: 'DONE', attempts: 3 });
  });

  it('ends at once with the source error code when the next retry would pass the deadline', async () => {
    const seen: number[] = [];
    const clock = { now: () => 0 };
    const down = scriptedSource(async (r) => {
      if (r.side === 'control') seen.push(clock.now());
      throw new MetricSourceError('PROMETHEUS_UNREACHABLE', 'cannot reach Prometheus at http://127.0.0.1:1');
    });
    const s = await start({}, new Map([['demo', down]]));
    clock.now = () => s.clock.now();
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 })); // deadline T0 + 20 min
    for (let i = 0; i < 60 && (await s.service.get('k'))?.status === 'RUNNING'; i++) {
      s.clock.advance(30_000);
      await s.scheduler.runOnce();
    }
    // Attempts at 10, 11, 13 and 17 min; the next would be at 25 min, past the 20-minute deadline.
    expect([...new Set(seen)].map((t) => (t - T0) / MIN)).toEqual([10, 11, 13, 17]);
    const j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'TERMINAL', error: { code: 'PROMETHEUS_UNREACHABLE' } });
    expect(j?.completedAt).toBe(new Date(T0 + 17 * MIN).toISOString());
    expect(j?.error?.message).toMatch(
      /4 attempts: the next retry would pass the judge's deadline 2024-05-01T12:20:00\.000Z$/,
    );
  });

  it('a service that was down past the deadline still judges intervals that fell due meanwhile', async () => {
    const s = await start();
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(60 * MIN); // far past lifetime + 10 min grace, no pass ran in between
    await s.scheduler.runOnce();
    expect(await s.service.get('k')).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', error: null });
  });

  it('an interval that keeps losing its worker no longer holds off the deadline after 3 attempts', async () => {
    const s = await start();
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * MIN);
    for (let i = 0; i < 3; i++) {
      // A worker claims the interval and dies: the lease (1 s) expires without a result.
      expect(await s.store.claimDueIntervals(s.clock.now(), `dead-${i}`, 1000, 10)).toHaveLength(1);
      s.clock.advance(1000);
    }
    s.clock.advance(10 * MIN); // past the deadline
    expect(await s.scheduler.runOnce()).toBe(0);
    expect(await s.service.get('k')).toMatchObject({ status: 'TERMINAL', error: { code: 'DEADLINE_EXCEEDED' } });
  });

  it('ends TERMINAL with the source error code on a permanent source error', async () => {
    const bad = scriptedSource(async () => {
      throw new MetricSourceError('MULTIPLE_SERIES', 'metric x: the query returned 2 series where one is expected');
    });
    const s = await start({}, new Map([['demo', bad]]));
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * MIN);
    await s.scheduler.runOnce();
    const j = await s.service.get('k');
    expect(j).toMatchObject({ status: 'TERMINAL', error: { code: 'MULTIPLE_SERIES' } });
    expect(j?.error?.message).toBe(
      'metric x: the query returned 2 series where one is expected; source "demo", interval 1 ' +
        '(window 2024-05-01T12:00:00Z–12:10:00Z), 1 attempt: not retried',
    );
  });

  it('turns NO_SERIES into missing data plus a warning', async () => {
    const empty: MetricSource = {
      ...createDemoSource('demo'),
      fetch: async (req) => {
        if (req.side === 'experiment') throw new MetricSourceError('NO_SERIES', `metric ${req.metric.name}: no series`);
        return createDemoSource().fetch(req);
      },
    };
    const s = await start({}, new Map([['demo', empty]]));
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * MIN);
    await s.scheduler.runOnce();
    const j = await s.service.get('k');
    expect(j?.warnings.some((w) => w.includes('no series'))).toBe(true);
    expect(j?.status).toBe('TERMINAL'); // the fake judge fails metrics without canary data
  });
});

describe('restarts and exactly-once evaluation', () => {
  function dbFile() {
    const dir = mkdtempSync(join(tmpdir(), 'cj-sched-'));
    dirs.push(dir);
    return join(dir, 'judge.db');
  }

  it('a new process on the same database resumes due work', async () => {
    const db = dbFile();
    const a = await testService({ CANARY_JUDGE_DB: db });
    await a.service.create('k', demoRequest('healthy'));
    a.clock.advance(10 * MIN);
    await a.scheduler.runOnce();
    await a.close();

    const b = await testService({ CANARY_JUDGE_DB: db });
    services.push(b);
    b.clock.set(T0 + 30 * MIN);
    await b.scheduler.runOnce();
    await b.scheduler.runOnce();
    expect(await b.service.get('k')).toMatchObject({ status: 'SUCCEEDED', intervalScores: [100, 100, 100] });
    const report = await b.service.report('k');
    expect(report?.intervals.map((i) => i.attempts)).toEqual([1, 1, 1]);
  });

  it('two workers on one database never evaluate an interval twice; an expired claim is retaken', async () => {
    const db = dbFile();
    const a = await testService({ CANARY_JUDGE_DB: db });
    services.push(a);
    await a.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    const clock = new ManualClock(T0 + 10 * MIN);
    let judged = 0;
    const countingJudge: typeof fakeJudge = (r) => {
      judged++;
      return fakeJudge(r);
    };
    const worker = (owner: string, source: MetricSource) =>
      new Scheduler({
        store: a.store,
        sources: new Map([['demo', source]]),
        judge: countingJudge,
        clock,
        owner,
        leaseMs: 60_000,
      });
    // Worker 1 claims the interval and "crashes": its fetch never resolves.
    const hanging: MetricSource = { ...createDemoSource(), fetch: () => new Promise(() => undefined) };
    void worker('w1', hanging).runOnce();
    await new Promise((r) => setTimeout(r, 20));
    // Worker 2 finds nothing to do while the lease holds…
    const w2 = worker('w2', createDemoSource());
    expect(await w2.runOnce()).toBe(0);
    // …and takes the interval once the lease has expired.
    clock.advance(60_000);
    expect(await w2.runOnce()).toBe(1);
    expect(await w2.runOnce()).toBe(0);
    expect(judged).toBe(1);
    const report = await a.service.report('k');
    expect(report?.intervals[0]).toMatchObject({ state: 'DONE', attempts: 2 });
  });

  it('a stale worker cannot overwrite a result after losing its claim', async () => {
    const s = await start();
    await s.service.create('k', demoRequest('healthy', { lifetimeMinutes: 10 }));
    s.clock.advance(10 * MIN);
    const [claimed] = await s.store.claimDueIntervals(s.clock.now(), 'w1', 1000, 10);
    expect(claimed).toBeDefined();
    s.clock.advance(1000);
    const [retaken] = await s.store.claimDueIntervals(s.clock.now(), 'w2', 1000, 10);
    expect(retaken?.index).toBe(1);
    const outcome = { score: 0, result: {}, series: {}, warnings: [] };
    const stale = { judgmentKey: 'k', index: 1, owner: 'w1' };
    expect(await s.store.completeInterval(stale, outcome, null, s.clock.now())).toBe(false);
    const fresh = { judgmentKey: 'k', index: 1, owner: 'w2' };
    expect(await s.store.completeInterval(fresh, { ...outcome, score: 100 }, null, s.clock.now())).toBe(true);
    expect(await s.store.completeInterval(fresh, outcome, null, s.clock.now())).toBe(false);
    expect((await s.service.get('k'))?.intervalScores).toEqual([100]);
  });
  it('logs an unavailable store once per outage instead of on every pass', async () => {
    const s = await start();
    let down = true;
    let passes = 0;
    const store = new Proxy(s.store, {
      get(target, prop, receiver) {
        if (prop === 'overdueJudgments') {
          return async (now: number, limit: number) => {
            passes++;
            if (down) throw new StoreUnavailableError('the judgment store is unavailable; retry');
            return target.overdueJudgments(now, limit);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const lines: Array<[string, string]> = [];
    const log = {
      info: (_o: object, m?: string) => lines.push(['info', m ?? '']),
      warn: (_o: object, m?: string) => lines.push(['warn', m ?? '']),
      error: (_o: object, m?: string) => lines.push(['error', m ?? '']),
    };
    const sched = new Scheduler({ store, sources: new Map(), judge: fakeJudge, clock: s.clock, tickRealMs: 5, log });
    sched.start();
    try {
      await vi.waitFor(() => expect(passes).toBeGreaterThanOrEqual(5), { timeout: 10_000 });
      down = false;
      const seen = passes;
      await vi.waitFor(() => expect(passes).toBeGreaterThan(seen + 2), { timeout: 10_000 });
    } finally {
      await sched.stop();
    }
    expect(lines).toEqual([
      ['warn', 'judgment store unavailable; scheduler waiting'],
      ['info', 'judgment store available again; scheduler passes resumed'],
    ]);
  });
});
