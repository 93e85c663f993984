import { describe, expect, it } from 'vitest';
import { batchReads } from './batch-reads';

/** A many-key loader whose calls are recorded and answered only when the test says so. */
function controlledLoader() {
  const calls: Array<{ keys: string[]; answer: (found: Record<string, number>) => void; fail: (e: Error) => void }> =
    [];
  const load = (keys: string[]) =>
    new Promise<Map<string, number>>((resolve, reject) => {
      calls.push({
        keys,
        answer: (found) => resolve(new Map(Object.entries(found))),
        fail: reject,
      });
    });
  return { calls, load };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('batchReads', () => {
  it('sends the reads of one tick as one batch, each key once, and answers every caller', async () => {
    const { calls, load } = controlledLoader();
    const read = batchReads(load, { maxInFlight: 2, maxBatch: 100 });
    const answers = Promise.all([read('a'), read('b'), read('a'), read('missing')]);
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([['a', 'b', 'missing']]);
    calls[0]?.answer({ a: 1, b: 2 });
    expect(await answers).toEqual([1, 2, 1, null]);
  });

  it('holds reads while maxInFlight batches run and sends them together when one ends', async () => {
    const { calls, load } = controlledLoader();
    const read = batchReads(load, { maxInFlight: 1, maxBatch: 100 });
    const first = read('a');
    await tick();
    const later = [read('b'), read('c'), read('a')];
    await tick();
    // 'a' asked again after its batch was sent must not join that batch: it may have missed a write.
    expect(calls.map((c) => c.keys)).toEqual([['a']]);
    calls[0]?.answer({ a: 1 });
    expect(await first).toBe(1);
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([['a'], ['b', 'c', 'a']]);
    calls[1]?.answer({ a: 10, b: 2, c: 3 });
    expect(await Promise.all(later)).toEqual([2, 3, 10]);
  });

  it('splits waiting keys into batches of at most maxBatch', async () => {
    const { calls, load } = controlledLoader();
    const read = batchReads(load, { maxInFlight: 3, maxBatch: 2 });
    const answers = Promise.all(['a', 'b', 'c', 'd', 'e'].map(read));
    await tick();
    expect(calls.map((c) => c.keys)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    for (const c of calls) c.answer(Object.fromEntries(c.keys.map((k) => [k, k.charCodeAt(0)])));
    expect(await answers).toEqual([97, 98, 99, 100, 101]);
  });

  it("rejects every read of a failed batch with the loader's error, and later reads still work", async () => {
    const { calls, load } = controlledLoader();
    const read = batchReads(load, { maxInFlight: 1, maxBatch: 100 });
    const failed = [read('a'), read('b')].map((p) => p.catch((e: Error) => e.message));
    await tick();
    calls[0]?.fail(new Error('database gone'));
    expect(await Promise.all(failed)).toEqual(['database gone', 'database gone']);
    const again = read('a');
    await tick();
    calls[1]?.answer({ a: 5 });
    expect(await again).toBe(5);
  });
});
