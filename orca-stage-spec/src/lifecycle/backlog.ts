/**
 * The evaluation backlog — due intervals no worker has taken yet — read from the store at a fixed pace (not per
 * request), so the HTTP layer can shed new judgments while the service is behind (config
 * `http.maxEvaluationBacklog`) at the cost of one cheap indexed count per period.
 */
import type { JudgmentStore } from '../store/port';
import type { Clock } from './clock';

/** The latest backlog reading. */
export interface BacklogWatch {
  /** Due intervals waiting at the last reading (0 before the first one, or while the store cannot be read). */
  current(): number;
  /** Stops reading. */
  stop(): void;
}

/**
 * Starts reading the backlog every `periodMs` of wall time (the timer does not keep the process alive).
 * @param store the judgment store (a store without `countDueIntervals` always reads 0)
 * @param clock the judgment clock ("due" is judged by it)
 * @param periodMs pause between readings, ms
 */
export function watchBacklog(store: JudgmentStore, clock: Clock, periodMs: number): BacklogWatch {
  let value = 0;
  let busy = false;
  const read = () => {
    if (busy || !store.countDueIntervals) return;
    busy = true;
    let now: number;
    try {
      now = clock.now();
    } catch {
      busy = false;
      return; // the clock's origin is not readable yet (store down at start-up)
    }
    store
      .countDueIntervals(now)
      .then((n) => (value = n))
      .catch(() => (value = 0))
      .finally(() => (busy = false));
  };
  read();
  const timer = setInterval(read, periodMs);
  timer.unref();
  return { current: () => value, stop: () => clearInterval(timer) };
}
