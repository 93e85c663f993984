/**
 * One behaviour suite for every {@link JudgmentStore} adapter (`sqlite.behaviour.test.ts`,
 * `postgres.behaviour.test.ts`): the port's contract — idempotent creation, lease-based claims (lowest unfinished
 * interval only, exactly once while the lease holds, taken over after it expires), conditional transitions that a
 * stale worker cannot win, judgment endings, deadlines, counts and the meta table — checked the same way for both.
 * Not a test file itself: each adapter's test file calls {@link describeStoreBehaviour}.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoRequest } from '../demo/demo-request';
import type { JudgmentStore, NewJudgment, PlannedInterval } from '../store/port';

/** One empty database; `open()` may be called several times for several handles (replicas) on it. */
export interface StoreContext {
  open(): Promise<JudgmentStore>;
  /** Closes nothing that `open()` returned (the suite closes those) but removes the database. */
  dispose(): Promise<void>;
}

const T = Date.parse('2024-05-01T12:00:00Z');
const MIN = 60_000;

/** Three 10-minute intervals due at T+10, T+20, T+30 minutes. */
function plan(n = 3): PlannedInterval[] {
  return Array.from({ length: n }, (_, k) => ({
    index: k + 1,
    experimentStartMs: T,
    experimentEndMs: T + (k + 1) * 10 * MIN,
    controlStartMs: T,
    controlEndMs: T + (k + 1) * 10 * MIN,
    dueMs: T + (k + 1) * 10 * MIN,
  }));
}

function newJudgment(key: string, over: Partial<NewJudgment> = {}): NewJudgment {
  return {
    key,
    digest: `digest-${key}`,
    request: demoRequest('healthy'),
    warnings: ['w1'],
    deadlineMs: T + 40 * MIN,
    nowMs: T,
    intervals: plan(),
    ...over,
  };
}

const outcome = (score: number) => ({
  score,
  result: { score: { score }, nested: { list: [1, 2.5, -1.5e-300, 'NaN'] } },
  series: { m: { control: { timestamps: [T], values: [1.25] }, experiment: { timestamps: [T], values: ['NaN'] } } },
  warnings: ['low sample'],
});

/**
 * Registers the behaviour suite for one adapter.
 * @param adapter name shown in the test report
 * @param context creates an empty database per test
 */
export function describeStoreBehaviour(adapter: string, context: () => Promise<StoreContext>): void {
  describe(`JudgmentStore behaviour: ${adapter}`, () => {
    const opened: JudgmentStore[] = [];
    let ctx: StoreContext | undefined;
    const fresh = async (): Promise<JudgmentStore> => {
      ctx = await context();
      const s = await ctx.open();
      opened.push(s);
      return s;
    };
    const peer = async (): Promise<JudgmentStore> => {
      if (!ctx) throw new Error('fresh() first');
      const s = await ctx.open();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await ctx?.dispose();
      ctx = undefined;
    });

    it('creates a judgment once; a second create with the same key returns the stored row unchanged', async () => {
      const s = await fresh();
      const first = await s.createJudgment(newJudgment('k1'));
      expect(first.created).toBe(true);
      expect(first.judgment).toMatchObject({
        key: 'k1',
        digest: 'digest-k1',
        status: 'RUNNING',
        verdict: null,
        score: null,
        error: null,
        warnings: ['w1'],
        intervalsPlanned: 3,
        deadlineMs: T + 40 * MIN,
        createdMs: T,
        completedMs: null,
      });
      expect(first.judgment.request).toEqual(demoRequest('healthy'));
      const again = await s.createJudgment(newJudgment('k1', { digest: 'other', nowMs: T + 5 }));
      expect(again.created).toBe(false);
      expect(again.judgment.digest).toBe('digest-k1');
      expect(again.judgment.createdMs).toBe(T);
      expect(await s.getJudgment('nope')).toBeNull();
      const intervals = await s.listIntervals('k1');
      expect(intervals.map((i) => [i.index, i.state, i.attempts, i.dueMs])).toEqual([
        [1, 'PENDING', 0, T + 10 * MIN],
        [2, 'PENDING', 0, T + 20 * MIN],
        [3, 'PENDING', 0, T + 30 * MIN],
      ]);
      expect(intervals[0]).not.toHaveProperty('result');
      expect(await s.listIntervals('nope')).toEqual([]);
    });

    it('claims only due intervals, the lowest unfinished one per judgment, and only once while the lease holds', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('k1'));
      expect(await s.claimDueIntervals(T + 10 * MIN - 1, 'a', MIN, 10)).toEqual([]);
      // At T+35 all three are due, but only interval 1 may be judged before the others.
      const claimed = await s.claimDueIntervals(T + 35 * MIN, 'a', MIN, 10);
      expect(claimed.map((c) => [c.judgmentKey, c.index, c.state, c.claimOwner, c.attempts])).toEqual([
        ['k1', 1, 'CLAIMED', 'a', 1],
      ]);
      expect(claimed[0]?.claimExpiresMs).toBe(T + 36 * MIN);
      expect(await s.claimDueIntervals(T + 35 * MIN + 1, 'b', MIN, 10)).toEqual([]);
      // The lease expires: another worker takes the interval over.
      const taken = await s.claimDueIntervals(T + 36 * MIN, 'b', MIN, 10);
      expect(taken.map((c) => [c.index, c.claimOwner, c.attempts])).toEqual([[1, 'b', 2]]);
      // The first worker's late result is refused; the new owner's is stored.
      expect(await s.completeInterval({ judgmentKey: 'k1', index: 1, owner: 'a' }, outcome(90), null, T)).toBe(false);
      expect(
        await s.completeInterval({ judgmentKey: 'k1', index: 1, owner: 'b' }, outcome(90), null, T + 36 * MIN),
      ).toBe(true);
      const next = await s.claimDueIntervals(T + 36 * MIN, 'a', MIN, 10);
      expect(next.map((c) => c.index)).toEqual([2]);
    });

    it('respects the claim limit and orders claims by due time', async () => {
      const s = await fresh();
      for (let k = 0; k < 5; k++) {
        await s.createJudgment(newJudgment(`j${k}`, { intervals: plan(1).map((i) => ({ ...i, dueMs: T + k })) }));
      }
      const first = await s.claimDueIntervals(T + 10, 'a', MIN, 3);
      expect(first.map((c) => c.judgmentKey)).toEqual(['j0', 'j1', 'j2']);
      const rest = await s.claimDueIntervals(T + 10, 'b', MIN, 3);
      expect(rest.map((c) => c.judgmentKey)).toEqual(['j3', 'j4']);
    });

    it('stores a completed interval with its detail and ends the judgment when asked, in one step', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('k1', { intervals: plan(1) }));
      const [c] = await s.claimDueIntervals(T + 10 * MIN, 'a', MIN, 1);
      expect(c).toBeDefined();
      const ok = await s.completeInterval(
        { judgmentKey: 'k1', index: 1, owner: 'a' },
        outcome(87.5),
        { status: 'SUCCEEDED', verdict: 'PASS', score: 87.5, error: null },
        T + 11 * MIN,
      );
      expect(ok).toBe(true);
      const j = await s.getJudgment('k1');
      expect(j).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 87.5, completedMs: T + 11 * MIN });
      const [light] = await s.listIntervals('k1');
      expect(light).toMatchObject({ state: 'DONE', score: 87.5, warnings: ['low sample'], claimOwner: null });
      expect(light).not.toHaveProperty('series');
      const [full] = await s.listIntervals('k1', true);
      expect(full?.result).toEqual(outcome(87.5).result);
      expect(full?.series).toEqual(outcome(87.5).series);
      expect(full?.completedMs).toBe(T + 11 * MIN);
      // Nothing is due any more, and the ended judgment refuses further transitions.
      expect(await s.claimDueIntervals(T + 99 * MIN, 'a', MIN, 10)).toEqual([]);
      expect(
        await s.finishJudgment('k1', { status: 'CANCELED', verdict: null, score: null, error: null }, T + 12 * MIN),
      ).toBe(false);
    });

    it('reads a judgment with its light intervals in one call, equal to the separate reads, in every state', async () => {
      const s = await fresh();
      expect(await s.getJudgmentWithIntervals('nope')).toBeNull();
      await s.createJudgment(newJudgment('k1'));
      await s.createJudgment(newJudgment('k0', { intervals: [] }));
      const same = async (key: string) => {
        const both = await s.getJudgmentWithIntervals(key);
        expect(both).toEqual({ judgment: await s.getJudgment(key), intervals: await s.listIntervals(key) });
        return both;
      };
      expect((await same('k0'))?.intervals).toEqual([]);
      expect((await same('k1'))?.intervals.map((i) => i.state)).toEqual(['PENDING', 'PENDING', 'PENDING']);
      await s.claimDueIntervals(T + 10 * MIN, 'a', MIN, 1);
      await s.releaseInterval(
        { judgmentKey: 'k1', index: 1, owner: 'a' },
        { code: 'UPSTREAM_ERROR', message: 'retry "later"' },
        T + 12 * MIN,
        T + 10 * MIN,
      );
      await s.claimDueIntervals(T + 12 * MIN, 'b', MIN, 1);
      const claimed = await same('k1');
      expect(claimed?.intervals[0]).toMatchObject({ state: 'CLAIMED', claimOwner: 'b', attempts: 2 });
      await s.completeInterval({ judgmentKey: 'k1', index: 1, owner: 'b' }, outcome(62.25), null, T + 13 * MIN);
      const done = await same('k1');
      expect(done?.intervals[0]).toMatchObject({ state: 'DONE', score: 62.25, warnings: ['low sample'] });
      expect(done?.intervals[0]).not.toHaveProperty('series');
      await s.finishJudgment('k1', { status: 'CANCELED', verdict: null, score: null, error: null }, T + 14 * MIN);
      expect((await same('k1'))?.judgment).toMatchObject({ status: 'CANCELED', completedMs: T + 14 * MIN });
    });

    it('gives an interval back for a retry at a later time, keeping the error', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('k1'));
      await s.claimDueIntervals(T + 10 * MIN, 'a', MIN, 1);
      const error = { code: 'TIMEOUT', message: 'Prometheus did not answer' };
      expect(await s.releaseInterval({ judgmentKey: 'k1', index: 1, owner: 'b' }, error, T + 12 * MIN, T)).toBe(false);
      expect(await s.releaseInterval({ judgmentKey: 'k1', index: 1, owner: 'a' }, error, T + 12 * MIN, T)).toBe(true);
      const [i1] = await s.listIntervals('k1');
      expect(i1).toMatchObject({ state: 'PENDING', dueMs: T + 12 * MIN, error, claimOwner: null, attempts: 1 });
      expect(await s.claimDueIntervals(T + 12 * MIN - 1, 'a', MIN, 1)).toEqual([]);
      const again = await s.claimDueIntervals(T + 12 * MIN, 'a', MIN, 1);
      expect(again.map((c) => [c.index, c.attempts])).toEqual([[1, 2]]);
    });

    it('fails an interval and ends the judgment TERMINAL with the error; a stale owner cannot', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('k1'));
      await s.claimDueIntervals(T + 10 * MIN, 'a', MIN, 1);
      const error = { code: 'BAD_QUERY', message: 'metric m: Prometheus rejected the query' };
      expect(await s.failInterval({ judgmentKey: 'k1', index: 1, owner: 'x' }, error, T)).toBe(false);
      expect((await s.getJudgment('k1'))?.status).toBe('RUNNING');
      expect(await s.failInterval({ judgmentKey: 'k1', index: 1, owner: 'a' }, error, T + 10 * MIN)).toBe(true);
      expect(await s.getJudgment('k1')).toMatchObject({ status: 'TERMINAL', verdict: null, error });
      expect((await s.listIntervals('k1'))[0]).toMatchObject({ state: 'FAILED', error });
    });

    it('refuses a result for a judgment that was cancelled while the interval was being evaluated', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('k1'));
      await s.claimDueIntervals(T + 10 * MIN, 'a', MIN, 1);
      const cancel = { status: 'CANCELED' as const, verdict: null, score: null, error: null };
      expect(await s.finishJudgment('k1', cancel, T + 10 * MIN)).toBe(true);
      expect(await s.finishJudgment('k1', cancel, T + 10 * MIN)).toBe(false);
      expect(await s.finishJudgment('unknown', cancel, T)).toBe(false);
      expect(await s.completeInterval({ judgmentKey: 'k1', index: 1, owner: 'a' }, outcome(99), null, T)).toBe(false);
      expect((await s.listIntervals('k1'))[0]?.state).toBe('CLAIMED');
      expect(await s.getJudgment('k1')).toMatchObject({ status: 'CANCELED', completedMs: T + 10 * MIN });
    });

    it('lists overdue RUNNING judgments by deadline and counts judgments per status', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('late', { deadlineMs: T + 5 }));
      await s.createJudgment(newJudgment('later', { deadlineMs: T + 7 }));
      await s.createJudgment(newJudgment('fine', { deadlineMs: T + 100 }));
      await s.createJudgment(newJudgment('done', { deadlineMs: T + 1 }));
      await s.finishJudgment('done', { status: 'CANCELED', verdict: null, score: null, error: null }, T);
      expect(await s.overdueJudgments(T + 10, 10)).toEqual(['late', 'later']);
      expect(await s.overdueJudgments(T + 10, 1)).toEqual(['late']);
      expect(await s.countByStatus()).toEqual({ RUNNING: 3, SUCCEEDED: 0, TERMINAL: 0, CANCELED: 1 });
    });

    it('counts the due PENDING intervals of RUNNING judgments (the evaluation backlog)', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('a'));
      await s.createJudgment(newJudgment('b'));
      await s.createJudgment(newJudgment('gone'));
      await s.finishJudgment('gone', { status: 'CANCELED', verdict: null, score: null, error: null }, T);
      expect(await s.countDueIntervals?.(T)).toBe(0);
      expect(await s.countDueIntervals?.(T + 10 * MIN)).toBe(2);
      expect(await s.countDueIntervals?.(T + 20 * MIN)).toBe(4);
      await s.claimDueIntervals(T + 20 * MIN, 'w', MIN, 1);
      expect(await s.countDueIntervals?.(T + 20 * MIN)).toBe(3);
    });

    it('keeps the first value of a meta entry and answers ping', async () => {
      const s = await fresh();
      await expect(s.ping()).resolves.toBeUndefined();
      expect(await s.metaGetOrSet('clockOrigin', '111')).toBe('111');
      expect(await s.metaGetOrSet('clockOrigin', '222')).toBe('111');
      const other = await peer();
      expect(await other.metaGetOrSet('clockOrigin', '333')).toBe('111');
    });

    it('restart: only a finished, served attempt restarts; the earlier one is archived with its intervals', async () => {
      const s = await fresh();
      await s.createJudgment(newJudgment('r', { intervals: plan(1) }));
      const [c] = await s.claimDueIntervals(T + 10 * MIN, 'w', MIN, 10);
      if (!c) throw new Error('no claim');
      const fin = { status: 'TERMINAL' as const, verdict: 'FAIL' as const, score: 12, error: null };
      await s.completeInterval({ judgmentKey: 'r', index: 1, owner: 'w' }, outcome(12), fin, T + 11 * MIN);
      const next = newJudgment('r', {
        nowMs: T + 60 * MIN,
        deadlineMs: T + 200 * MIN,
        intervals: plan(2),
        warnings: [],
      });
      // Finished but never served to a poll: a PUT now is a replay (Orca's create retry), not a restart.
      expect((await s.restartJudgment(next, 1)).restarted).toBe(false);
      await s.markTerminalServed('r');
      expect((await s.getJudgment('r'))?.terminalServed).toBe(true);
      expect((await s.restartJudgment(next, 2)).restarted).toBe(false); // wrong attempt: a concurrent restart won
      const r = await s.restartJudgment(next, 1);
      expect(r.restarted).toBe(true);
      expect(r.judgment).toMatchObject({
        status: 'RUNNING',
        verdict: null,
        score: null,
        attempt: 2,
        terminalServed: false,
        intervalsPlanned: 2,
        createdMs: T + 60 * MIN,
        deadlineMs: T + 200 * MIN,
        completedMs: null,
      });
      expect((await s.listIntervals('r')).map((i) => [i.index, i.state, i.attempts])).toEqual([
        [1, 'PENDING', 0],
        [2, 'PENDING', 0],
      ]);
      expect(await s.listAttempts('r')).toEqual([
        {
          attempt: 1,
          status: 'TERMINAL',
          verdict: 'FAIL',
          score: 12,
          error: null,
          createdMs: T,
          completedMs: T + 11 * MIN,
        },
      ]);
      // A second restart of attempt 1 (a racing replica) changes nothing; RUNNING never restarts.
      expect((await s.restartJudgment(next, 1)).restarted).toBe(false);
      await s.markTerminalServed('r');
      expect((await s.getJudgment('r'))?.terminalServed).toBe(false);
      expect(await s.listAttempts('other')).toEqual([]);
    });

    it('releases every claim of one owner at once, due as before and the claim not counted', async () => {
      const s = await fresh();
      for (const key of ['x', 'y', 'z']) await s.createJudgment(newJudgment(key));
      await s.claimDueIntervals(T + 10 * MIN, 'leaving', 60 * MIN, 2);
      await s.claimDueIntervals(T + 10 * MIN, 'staying', 60 * MIN, 10);
      expect(await s.releaseClaimsOf('leaving', T + 11 * MIN)).toBe(2);
      const first = await Promise.all(['x', 'y', 'z'].map(async (k) => (await s.listIntervals(k))[0]));
      const released = first.filter((i) => i?.state === 'PENDING');
      expect(released).toHaveLength(2);
      for (const i of released) expect(i).toMatchObject({ claimOwner: null, attempts: 0, dueMs: T + 10 * MIN });
      // Claimable again at once by another worker, long before the 60-minute lease would have expired.
      expect(await s.claimDueIntervals(T + 11 * MIN, 'other', MIN, 10)).toHaveLength(2);
      expect(await s.releaseClaimsOf('nobody', T)).toBe(0);
    });

    it('retention deletes finished judgments older than the cutoff in batches, never a RUNNING one', async () => {
      const s = await fresh();
      const finishAt = async (key: string, at: number, restartAt?: number) => {
        await s.createJudgment(newJudgment(key, { intervals: plan(1) }));
        const fin = { status: 'SUCCEEDED' as const, verdict: 'PASS' as const, score: 100, error: null };
        await s.claimDueIntervals(T + 10 * MIN, `w-${key}`, MIN, 100);
        await s.completeInterval({ judgmentKey: key, index: 1, owner: `w-${key}` }, outcome(100), fin, at);
        if (restartAt !== undefined) {
          await s.markTerminalServed(key);
          await s.restartJudgment(newJudgment(key, { nowMs: restartAt, intervals: plan(1) }), 1);
          await s.claimDueIntervals(T + 10 * MIN, `v-${key}`, MIN, 100);
          await s.completeInterval({ judgmentKey: key, index: 1, owner: `v-${key}` }, outcome(100), fin, restartAt);
        }
      };
      await finishAt('old-1', T + 11 * MIN);
      await finishAt('old-2', T + 12 * MIN);
      await finishAt('old-3', T + 13 * MIN, T + 14 * MIN);
      await finishAt('new', T + 100 * MIN);
      await s.createJudgment(newJudgment('running', { intervals: plan(2) })); // created at T, still RUNNING
      const sizeBefore = await s.databaseSizeBytes();
      expect(sizeBefore).toBeGreaterThan(0);
      const cutoff = T + 50 * MIN;
      expect(await s.deleteFinishedBefore(cutoff, 2)).toEqual({ judgments: 2, intervals: 2, attempts: 0 });
      expect(await s.getJudgment('old-1')).toBeNull();
      expect(await s.listIntervals('old-1')).toEqual([]);
      expect(await s.deleteFinishedBefore(cutoff, 2)).toEqual({ judgments: 1, intervals: 1, attempts: 1 });
      expect(await s.listAttempts('old-3')).toEqual([]);
      expect(await s.deleteFinishedBefore(cutoff, 2)).toEqual({ judgments: 0, intervals: 0, attempts: 0 });
      expect((await s.getJudgment('running'))?.status).toBe('RUNNING');
      expect(await s.listIntervals('running')).toHaveLength(2);
      expect((await s.getJudgment('new'))?.status).toBe('SUCCEEDED');
      // A cutoff past every judgment still never deletes the RUNNING one.
      expect((await s.deleteFinishedBefore(T + 10_000 * MIN, 100))?.judgments).toBe(1);
      expect(await s.countByStatus()).toMatchObject({ RUNNING: 1, SUCCEEDED: 0 });
    });

    it('two handles on one database claim each due interval exactly once, even when racing', async () => {
      const a = await fresh();
      const b = await peer();
      const keys = Array.from({ length: 40 }, (_, k) => `race-${k}`);
      for (const key of keys) await a.createJudgment(newJudgment(key, { intervals: plan(1) }));
      const now = T + 10 * MIN;
      const rounds = await Promise.all(
        Array.from({ length: 8 }, (_, k) => (k % 2 === 0 ? a : b).claimDueIntervals(now, `w${k}`, MIN, 7)),
      );
      const claimed = rounds.flat().map((c) => c.judgmentKey);
      expect(new Set(claimed).size).toBe(claimed.length);
      // Whatever the race left over is claimed by a last sweep; then every key has exactly one claim.
      const rest = (await a.claimDueIntervals(now, 'sweep', MIN, 100)).map((c) => c.judgmentKey);
      expect([...claimed, ...rest].sort()).toEqual([...keys].sort());
      const attempts = await Promise.all(keys.map(async (k) => (await b.listIntervals(k))[0]?.attempts));
      expect(attempts.every((n) => n === 1)).toBe(true);
    });
  });
}
