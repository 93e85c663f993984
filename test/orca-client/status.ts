/**
 * Orca's status rules for webhook stages: mapping the polled status value, and the final stage status
 * (`docs/design/orca-webhook-contract.md` §2.5 and §2.7).
 */

/** Task results of the monitor task. */
export type TaskStatus = 'RUNNING' | 'SUCCEEDED' | 'TERMINAL' | 'CANCELED';

/** Final stage statuses the client can produce. */
export type StageStatus = 'SUCCEEDED' | 'TERMINAL' | 'CANCELED' | 'STOPPED' | 'FAILED_CONTINUE';

/** The three comma-separated status lists of a webhook stage. */
export interface StatusLists {
  successStatuses?: unknown;
  canceledStatuses?: unknown;
  terminalStatuses?: unknown;
}

/** What one mapped poll means: a task status, and the percentage when the value was numeric. */
export interface MappedStatus {
  status: TaskStatus;
  percentComplete?: number;
}

/**
 * Maps a scalar status value like `MonitorWebhookTask`: a number is percent complete (exactly 100 → SUCCEEDED, else
 * RUNNING); a string or boolean is upper-cased and looked up in a map built from the success, canceled and terminal
 * lists in that order (trimmed, upper-cased; a later list wins, so terminal > canceled > success). Unknown → RUNNING.
 *
 * Edge case: an unset `successStatuses` with a string status throws in Orca (it splits without a null check); this
 * returns TERMINAL with that reason instead of keeping the stage alive.
 * Reference: `WH/tasks/MonitorWebhookTask.java`.
 */
export function mapStatusValue(
  value: string | number | boolean,
  lists: StatusLists,
): MappedStatus & { reason?: string } {
  if (typeof value === 'number') {
    return { status: value === 100 ? 'SUCCEEDED' : 'RUNNING', percentComplete: value };
  }
  if (typeof lists.successStatuses !== 'string') {
    return { status: 'TERMINAL', reason: 'successStatuses is not set (Orca throws splitting null)' };
  }
  const map = new Map<string, TaskStatus>();
  const add = (list: unknown, status: TaskStatus): void => {
    if (typeof list !== 'string') return;
    for (const item of list.split(',')) map.set(item.trim().toUpperCase(), status);
  };
  add(lists.successStatuses, 'SUCCEEDED');
  add(lists.canceledStatuses, 'CANCELED');
  add(lists.terminalStatuses, 'TERMINAL');
  return { status: map.get(String(value).toUpperCase()) ?? 'RUNNING' };
}

/** The stage's "if stage fails" options. */
export interface FailureOptions {
  continuePipeline?: unknown;
  failPipeline?: unknown;
}

/**
 * Turns a failing task result into the stage status: `continuePipeline` → FAILED_CONTINUE; `failPipeline === false`
 * → STOPPED; otherwise the default (TERMINAL for failures, CANCELED for a CANCELED task result).
 * Reference: `spinnaker/orca:orca-kotlin/.../ext/Stage.kt` (`failureStatus`), `Q/RunTaskHandler.kt`.
 */
export function failureStatus(
  options: FailureOptions,
  defaultStatus: 'TERMINAL' | 'CANCELED' = 'TERMINAL',
): StageStatus {
  if (options.continuePipeline === true) return 'FAILED_CONTINUE';
  if (options.failPipeline === false) return 'STOPPED';
  return defaultStatus;
}

/** True for the stage statuses after which Orca sends the webhook's cancel call (TERMINAL, STOPPED, FAILED_CONTINUE). */
export function sendsCancelAfter(status: StageStatus): boolean {
  return status === 'TERMINAL' || status === 'STOPPED' || status === 'FAILED_CONTINUE';
}
