/**
 * Time for the Orca-shaped client: Orca's waits (10 s create backoff, 1 s / 15 s poll backoff, 1 h monitor timeout)
 * run on an injectable clock so tests can use virtual or accelerated time.
 */

/** The client's notion of time. `now()` is epoch milliseconds on this clock. */
export interface OrcaClock {
  /** Current time, epoch milliseconds (virtual for fake/scaled clocks). */
  now(): number;
  /** Waits `ms` milliseconds of this clock's time; resolves early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real wall-clock time (Orca's own behaviour). */
export const realClock: OrcaClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => realSleep(ms, signal),
};

/**
 * A clock that runs `speed` times faster than wall time: `sleep(15_000)` on a speed-60 clock takes 250 ms.
 * Used against a judge service started with the same kind of accelerated clock.
 * Edge case: `speed` must be a finite number ≥ 1.
 * @throws RangeError when `speed` is not finite or below 1.
 */
export function scaledClock(speed: number): OrcaClock {
  if (!Number.isFinite(speed) || speed < 1) throw new RangeError(`scaledClock: speed must be ≥ 1, got ${speed}`);
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms, signal) => realSleep(ms / speed, signal),
  };
}

/** A virtual clock whose `sleep` advances time at once; `advance` moves it by hand. For unit tests. */
export interface FakeClock extends OrcaClock {
  /** Moves virtual time forward by `ms`. */
  advance(ms: number): void;
  /** Every `sleep` duration requested so far, in order (milliseconds). */
  readonly sleeps: number[];
}

/**
 * A {@link FakeClock} starting at `start` (epoch ms, default 2024-06-10T12:00:00Z). `sleep` yields to the event loop
 * once (so sockets make progress), then advances virtual time by the full amount, or returns early when aborted.
 */
export function fakeClock(start = Date.UTC(2024, 5, 10, 12, 0, 0)): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    async sleep(ms, signal) {
      sleeps.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) return;
      t += ms;
    },
  };
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
