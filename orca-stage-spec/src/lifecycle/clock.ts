/**
 * The judgment clock: every "now" the service uses for due intervals, deadlines and timestamps comes from a
 * {@link Clock}, so tests can drive time by hand and integration tests can run a 30-minute canary in 30 seconds.
 */

/** A source of the current time, in epoch milliseconds (judgment time, not necessarily wall time). */
export interface Clock {
  /** Current judgment time, epoch milliseconds. */
  now(): number;
}

/** Wall-clock time (`Date.now()`). */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * An accelerated clock: judgment time runs `speed` times faster than wall time from `originMs` on
 * (`t = origin + (wall − origin) · speed`). With `speed = 60`, one real second is one judgment minute.
 * The origin must be persisted (the service stores it in its database) so that a restarted process continues
 * the same timeline instead of jumping back; a speed of 1 is the wall clock.
 *
 * @param speed multiplier, finite and > 0
 * @param originMs wall time (epoch ms) at which judgment time equals wall time
 * @param wall the underlying wall clock (injectable for tests)
 * @throws RangeError when `speed` is not a finite positive number
 */
export function acceleratedClock(speed: number, originMs: number, wall: Clock = systemClock): Clock {
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new RangeError(`clock speed must be a finite number > 0, got ${speed}`);
  }
  if (speed === 1) return wall;
  return { now: () => Math.floor(originMs + (wall.now() - originMs) * speed) };
}

/** A hand-driven clock for tests: `set()` and `advance()` move judgment time; nothing moves it otherwise. */
export class ManualClock implements Clock {
  private t: number;

  /** @param startMs initial judgment time, epoch ms */
  constructor(startMs: number) {
    this.t = startMs;
  }

  /** Current judgment time, epoch ms. */
  now(): number {
    return this.t;
  }

  /** Moves time forward by `ms` milliseconds (negative values are rejected). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance requires ms >= 0, got ${ms}`);
    this.t += ms;
  }

  /** Sets the judgment time to `ms` (epoch ms). */
  set(ms: number): void {
    this.t = ms;
  }
}
