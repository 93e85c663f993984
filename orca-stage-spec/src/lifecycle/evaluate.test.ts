import { describe, expect, it } from 'vitest';
import { mapLimit } from './evaluate';

describe('mapLimit', () => {
  it('keeps the input order and never runs more than `limit` calls at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(peak).toBe(3);
  });

  it('rejects with the first failure, and handles an empty list', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (n) => {
        if (n === 2) throw new Error('boom 2');
        return n;
      }),
    ).rejects.toThrow('boom 2');
    expect(await mapLimit([], 4, async (n: number) => n)).toEqual([]);
  });
});
