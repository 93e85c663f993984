/**
 * Keyed read batching ("group commit" for reads): concurrent reads of single keys are answered by one query for
 * many keys. The replicas bench (issue 10) showed that a status poll's cost is mostly per statement — one PostgreSQL
 * round trip, one backend wake-up, the driver's protocol work — not per row, so under load one `key = ANY($1)` query
 * for the keys waiting together costs little more than one of them.
 *
 * Batches are adaptive: with nothing in flight a read is sent at the end of the current tick (alone, or with the
 * reads of the same tick), so an idle service adds no delay; while `maxInFlight` batches run, new reads wait and go
 * together in the next one. A read never joins a batch that was sent before it was asked for, so it sees every write
 * that completed before it — the same guarantee as a query of its own.
 *
 * Same idea as the DataLoader pattern (https://github.com/graphql/dataloader#batching), with a bound on batches in
 * flight instead of one batch per tick.
 */

/** Settings of {@link batchReads}. */
export interface BatchReadOptions {
  /** Batches in flight at once (≥ 1); further reads wait for the next batch. */
  maxInFlight: number;
  /** Keys per batch at most (≥ 1); more waiting keys go in further batches. */
  maxBatch: number;
}

/**
 * Wraps a many-key read into a single-key read that batches concurrent callers.
 *
 * @param loadMany reads the given distinct keys; the answer maps each found key to its value (a key absent from
 *   the map reads as `null`). When it throws, every read of that batch rejects with the same error.
 * @param options batches in flight and batch size
 * @returns `read(key)`: the value of `key`, or `null` when `loadMany` did not find it
 */
export function batchReads<V>(
  loadMany: (keys: string[]) => Promise<Map<string, V>>,
  options: BatchReadOptions,
): (key: string) => Promise<V | null> {
  type Waiter = { resolve: (v: V | null) => void; reject: (e: unknown) => void };
  const waiting = new Map<string, Waiter[]>();
  let inFlight = 0;
  let scheduled = false;

  const dispatch = (): void => {
    scheduled = false;
    while (inFlight < options.maxInFlight && waiting.size > 0) {
      const batch = new Map<string, Waiter[]>();
      for (const [key, waiters] of waiting) {
        if (batch.size >= options.maxBatch) break;
        batch.set(key, waiters);
        waiting.delete(key);
      }
      inFlight += 1;
      void run(batch);
    }
  };

  const run = async (batch: Map<string, Waiter[]>): Promise<void> => {
    try {
      const found = await loadMany([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key) ?? null);
    } catch (e) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(e);
    } finally {
      inFlight -= 1;
      dispatch();
    }
  };

  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      const list = waiting.get(key);
      if (list) list.push({ resolve, reject });
      else waiting.set(key, [{ resolve, reject }]);
      if (!scheduled && inFlight < options.maxInFlight) {
        scheduled = true;
        process.nextTick(dispatch);
      }
    });
}
