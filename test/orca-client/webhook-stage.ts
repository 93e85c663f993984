/**
 * The Orca-shaped client: runs one webhook stage (create → optional wait → poll → cancel on failure) against a real
 * HTTP service with Orca's rules and timings, and leaves the stage context as Orca would store it.
 * Behaviour follows `docs/design/orca-webhook-contract.md` §7 (sources: `WH/tasks/CreateWebhookTask.java`,
 * `WebhookResponseProcessor.java`, `MonitorWebhookTask.java`, `WH/pipeline/WebhookStage.java`, `Q/RunTaskHandler.kt`).
 */
import { realClock, type OrcaClock } from './clock';
import { send, statusName, NetworkError, type HttpResponse } from './http';
import { readJsonPath } from './jsonpath';
import { planStage, type PreconfiguredWebhook, type StageJson } from './merge';
import { failureStatus, mapStatusValue, sendsCancelAfter, type StageStatus } from './status';
import { evaluateTemplates, type UnresolvedExpression } from './template';
import {
  buildHeaders,
  checkUrl,
  DEFAULT_URL_RESTRICTIONS,
  type AllowedRequest,
  type UrlRestrictions,
} from './url-policy';

/** Everything about the Orca installation and the running execution that the stage needs. */
export interface OrcaClientOptions {
  /** Clock for every wait (default: wall clock). */
  clock?: OrcaClock;
  /** `execution` in expressions: id, application, name… */
  execution: Record<string, unknown>;
  /** `trigger` in expressions (default `{}`). */
  trigger?: Record<string, unknown>;
  /** Stage id (`#currentStage().id`). */
  stageId: string;
  /** Stage start, epoch ms (`#currentStage().startTime`); default: the clock's now at start. */
  stageStartTime?: number;
  /** `#currentUser()` (default `anonymous`). */
  user?: string;
  /** `webhook.preconfigured` from orca-local.yml. */
  preconfigured?: readonly PreconfiguredWebhook[];
  /** URL restrictions (default Orca's; tests on 127.0.0.1 pass `{enabled: false}`). */
  urlRestrictions?: UrlRestrictions;
  /** `webhook.allowedRequests` when `allowedRequestsEnabled` (undefined = allow-list off). */
  allowedRequests?: readonly AllowedRequest[];
  /** `webhook.defaultRetryStatusCodes` (default [429]). */
  defaultRetryStatusCodes?: readonly number[];
  /** `webhook.maxResponseBytes` (0/undefined = unlimited). */
  maxResponseBytes?: number;
  /** Timeouts (default 5 000 / 120 000 ms, kork's ok-http defaults). */
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /** Create task backoff and timeout (default 10 s / 5 min). */
  createBackoffMs?: number;
  createTimeoutMs?: number;
  /** Monitor task timeout when the stage has no `stageTimeoutMs` (default 1 h). */
  monitorTimeoutMs?: number;
  /** Aborting it cancels the pipeline (external cancel). */
  cancelSignal?: AbortSignal;
  /**
   * Orca's "Restart stage": the context stored by the previous run, which `RestartStageHandler` keeps (evaluated
   * `url`/`payload`, old `webhook.*`); the stage is planned again on top of it with a new start time (§2.8).
   */
  restartFrom?: Record<string, unknown>;
  /** Called after every poll with the poll count (1-based) and the stage context (for fault injection). */
  onPoll?: (count: number, context: Record<string, unknown>) => void | Promise<void>;
}

/** One HTTP call the client made. */
export interface CallRecord {
  phase: 'create' | 'poll' | 'cancel';
  method: string;
  url: string;
  /** Virtual time of the call (clock ms). */
  at: number;
  status?: number;
  headers?: Record<string, string[]>;
  bodyText?: string;
  bytes?: number;
  error?: string;
}

/** The outcome of one stage run. */
export interface StageRun {
  status: StageStatus;
  /** The stage context as Orca stores it (`webhook.*`, `statusEndpoint`, evaluated fields). */
  context: Record<string, unknown>;
  calls: CallRecord[];
  /** Expressions left as raw text (Orca's `expressionEvaluationSummary`). */
  unresolved: UnresolvedExpression[];
  /** Why the stage did not succeed (task error), if it did not. */
  reason?: string;
}

type TaskOutcome =
  { status: 'SUCCEEDED' } | { status: 'TERMINAL' | 'CANCELED' | 'TIMEOUT' | 'ABORTED'; reason: string };

/**
 * Runs `stage` like Orca's webhook stage and resolves when the stage has a final status (and the cancel call, if
 * any, has been made).
 *
 * Edge cases: planning errors (missing preconfigured entry, unknown alias) give TERMINAL without any call; an external
 * cancel during create retries gives CANCELED with no cancel call (Orca's create task has no cancel hook).
 */
export async function runWebhookStage(stage: StageJson, options: OrcaClientOptions): Promise<StageRun> {
  const clock = options.clock ?? realClock;
  const calls: CallRecord[] = [];
  const unresolved: UnresolvedExpression[] = [];
  let context: Record<string, unknown>;
  try {
    const source: StageJson =
      options.restartFrom === undefined
        ? stage
        : { ...options.restartFrom, restartDetails: { previousException: null }, type: stage.type, name: stage.name };
    context = planStage(source, options.preconfigured).context;
  } catch (error) {
    return { status: 'TERMINAL', context: {}, calls, unresolved, reason: (error as Error).message };
  }
  const startTime = options.stageStartTime ?? clock.now();
  const evaluate = (): void => {
    const found: UnresolvedExpression[] = [];
    context = evaluateTemplates(
      context,
      {
        root: { ...context, execution: options.execution, trigger: options.trigger ?? {} },
        currentStage: {
          id: options.stageId,
          startTime,
          name: stage.name,
          type: stage.type,
          refId: stage.refId,
          context,
        },
        currentUser: options.user ?? 'anonymous',
      },
      found,
    ) as Record<string, unknown>;
    for (const item of found) if (!unresolved.some((u) => u.expression === item.expression)) unresolved.push(item);
  };
  const restrictions = options.urlRestrictions ?? DEFAULT_URL_RESTRICTIONS;
  const call = async (
    phase: CallRecord['phase'],
    method: string,
    url: string,
    body: unknown,
  ): Promise<{ record: CallRecord; response?: HttpResponse; error?: NetworkError | string }> => {
    const record: CallRecord = { phase, method, url, at: clock.now() };
    calls.push(record);
    const violation = checkUrl(url, method, restrictions, options.allowedRequests);
    if (violation !== null) {
      record.error = violation;
      return { record, error: violation };
    }
    const headers = buildHeaders(context.customHeaders);
    const encoded = encodeBody(body, headers, method);
    try {
      const response = await send({
        method,
        url,
        headers,
        body: encoded,
        connectTimeoutMs: options.connectTimeoutMs,
        readTimeoutMs: options.readTimeoutMs,
      });
      Object.assign(record, {
        status: response.status,
        headers: response.headers,
        bodyText: response.bodyText,
        bytes: response.bytes,
      });
      if (
        options.maxResponseBytes !== undefined &&
        options.maxResponseBytes > 0 &&
        response.bytes > options.maxResponseBytes
      ) {
        record.error = `response of ${response.bytes} bytes exceeds maxResponseBytes ${options.maxResponseBytes}`;
        return { record, error: record.error };
      }
      return { record, response };
    } catch (error) {
      const networkError = error instanceof NetworkError ? error : new NetworkError('other', String(error));
      record.error = `${networkError.kind}: ${networkError.message}`;
      return { record, error: networkError };
    }
  };
  const webhook = (): Record<string, unknown> => {
    const existing = context.webhook;
    if (existing !== null && typeof existing === 'object') return existing as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    context.webhook = created;
    return created;
  };
  const retryCodes = (extra: unknown): number[] => [
    ...(options.defaultRetryStatusCodes ?? [429]),
    ...(Array.isArray(extra) ? extra.map(Number) : []),
  ];

  // ---- createWebhook (retryable: backoff 10 s, timeout 5 min) ----
  const createTask = async (): Promise<TaskOutcome> => {
    const begun = clock.now();
    const backoff = options.createBackoffMs ?? 10_000;
    const timeout = options.createTimeoutMs ?? 5 * 60_000;
    for (;;) {
      if (options.cancelSignal?.aborted) return { status: 'ABORTED', reason: 'pipeline cancelled during create' };
      if (clock.now() - begun > timeout)
        return { status: 'TIMEOUT', reason: `create call timed out after ${timeout} ms` };
      evaluate();
      const method = String(context.method).toUpperCase();
      const url = String(context.url);
      const { response, error } = await call('create', method, url, context.payload);
      const wh = webhook();
      if (response === undefined) {
        const retry =
          error instanceof NetworkError &&
          (error.kind === 'unknown-host' || (error.kind === 'socket-timeout' && method === 'GET'));
        wh.error = typeof error === 'string' ? error : `${error?.kind}: ${error?.message}`;
        if (!retry) return { status: 'TERMINAL', reason: String(wh.error) };
      } else {
        const code = response.status;
        storeResponse(wh, response, code >= 400 ? 'error' : 'create');
        if (code < 400) {
          delete wh.error;
          return resolveStatusUrl(wh, response, url);
        }
        const failFast = Array.isArray(context.failFastStatusCodes) ? context.failFastStatusCodes.map(Number) : [];
        if (failFast.includes(code)) {
          wh.error = `Received status code ${code}, which is configured to fail fast, terminating stage.`;
          return { status: 'TERMINAL', reason: String(wh.error) };
        }
        if (code >= 500 || retryCodes(context.webhookRetryStatusCodes).includes(code)) {
          wh.error = `Error submitting webhook for pipeline to ${url} with status code ${code}, will retry.`;
        } else {
          wh.error = `Error submitting webhook for pipeline to ${url} with status code ${code}.`;
          return { status: 'TERMINAL', reason: String(wh.error) };
        }
      }
      await clock.sleep(backoff, options.cancelSignal);
    }
  };

  const resolveStatusUrl = (wh: Record<string, unknown>, response: HttpResponse, createUrl: string): TaskOutcome => {
    if (context.waitForCompletion !== true) return { status: 'SUCCEEDED' };
    let statusUrl: unknown;
    switch (context.statusUrlResolution) {
      case 'getMethod':
        statusUrl = createUrl;
        break;
      case 'locationHeader':
        statusUrl = response.headers.location?.[0];
        break;
      case 'webhookResponse': {
        const found = readJsonPath(wh.body, String(context.statusUrlJsonPath ?? '$'));
        statusUrl = found.found ? found.value : undefined;
        break;
      }
      default:
        statusUrl = undefined;
    }
    if (typeof statusUrl !== 'string' || statusUrl === '') {
      wh.error = 'Exception while resolving status check URL';
      return { status: 'TERMINAL', reason: String(wh.error) };
    }
    statusUrl = forceScheme(statusUrl as string, createUrl);
    context.statusEndpoint = statusUrl;
    wh.statusEndpoint = statusUrl;
    return { status: 'SUCCEEDED' };
  };

  // ---- monitorWebhook (1 s under 60 s, then 15 s; timeout stageTimeoutMs or 1 h) ----
  const monitorTask = async (): Promise<TaskOutcome> => {
    const begun = clock.now();
    const timeout = numberOr(context.stageTimeoutMs, options.monitorTimeoutMs ?? 3_600_000);
    const pastStatusCodes: number[] = [];
    let polls = 0;
    for (;;) {
      if (options.cancelSignal?.aborted) return { status: 'ABORTED', reason: 'pipeline cancelled' };
      if (clock.now() - begun > timeout) return { status: 'TIMEOUT', reason: `monitor timed out after ${timeout} ms` };
      evaluate();
      const wh = webhook();
      const url = String(context.statusEndpoint);
      const { response, error } = await call('poll', 'GET', url, undefined);
      polls++;
      const outcome = handlePoll(wh, response, error, pastStatusCodes);
      if (options.onPoll !== undefined) await options.onPoll(polls, context);
      if (outcome !== undefined) return outcome;
      const elapsed = clock.now() - begun;
      const backoff = Math.max(elapsed < 60_000 ? 1000 : 15_000, numberOr(context.backoffPeriodMs, 0));
      await clock.sleep(backoff, options.cancelSignal);
    }
  };

  const handlePoll = (
    wh: Record<string, unknown>,
    response: HttpResponse | undefined,
    error: NetworkError | string | undefined,
    pastStatusCodes: number[],
  ): TaskOutcome | undefined => {
    const monitor = (wh.monitor ??= {}) as Record<string, unknown>;
    if (response === undefined) {
      const retry = error instanceof NetworkError && (error.kind === 'unknown-host' || error.kind === 'socket-timeout');
      monitor.error = typeof error === 'string' ? error : `${error?.kind}: ${error?.message}`;
      return retry ? undefined : { status: 'TERMINAL', reason: String(monitor.error) };
    }
    const code = response.status;
    if (code >= 400) {
      const earlier = pastStatusCodes.filter((c) => c === code).length;
      pastStatusCodes.push(code);
      monitor.pastStatusCodes = [...pastStatusCodes];
      monitor.headers = flatHeaders(response.headers);
      monitor.error = `Error polling ${String(context.statusEndpoint)}: status code ${code}`;
      const limits = context.retries as Record<string, { maxAttempts?: number }> | undefined;
      const limit = limits?.[String(code)]?.maxAttempts;
      const retry =
        limit !== undefined ? earlier < limit : code >= 500 || retryCodes(context.retryStatusCodes).includes(code);
      return retry ? undefined : { status: 'TERMINAL', reason: String(monitor.error) };
    }
    const fresh: Record<string, unknown> = {};
    if (pastStatusCodes.length > 0) fresh.pastStatusCodes = [...pastStatusCodes];
    storeResponse(fresh, response, 'create');
    wh.monitor = fresh;
    if (typeof context.statusJsonPath !== 'string' || context.statusJsonPath === '') return { status: 'SUCCEEDED' };
    const statusValue = readJsonPath(fresh.body, context.statusJsonPath);
    if (!statusValue.found) {
      fresh.error = `Unable to parse status: JSON property '${context.statusJsonPath}' not found in response body`;
      return { status: 'TERMINAL', reason: String(fresh.error) };
    }
    const value = statusValue.value;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      fresh.error = `Unable to parse status: JSON property '${context.statusJsonPath}' did not resolve to a single value`;
      return { status: 'TERMINAL', reason: String(fresh.error) };
    }
    if (typeof context.progressJsonPath === 'string' && context.progressJsonPath !== '') {
      const progress = readJsonPath(fresh.body, context.progressJsonPath);
      if (!progress.found || typeof progress.value !== 'string') {
        fresh.error = `Unable to parse progress: '${context.progressJsonPath}' ${progress.found ? 'is not a string' : 'not found'}`;
        return { status: 'TERMINAL', reason: String(fresh.error) };
      }
      fresh.progressMessage = progress.value;
    }
    const mapped = mapStatusValue(value, context);
    if (mapped.percentComplete !== undefined) fresh.percentComplete = mapped.percentComplete;
    if (mapped.status === 'RUNNING') return undefined;
    if (mapped.status === 'SUCCEEDED') return { status: 'SUCCEEDED' };
    return { status: mapped.status, reason: mapped.reason ?? `status ${String(value)} maps to ${mapped.status}` };
  };

  const cancelCall = async (): Promise<void> => {
    evaluate();
    const endpoint = context.cancelEndpoint;
    if (typeof endpoint !== 'string' || endpoint === '') return;
    await call('cancel', String(context.cancelMethod ?? 'POST').toUpperCase(), endpoint, context.cancelPayload);
  };

  // ---- the stage ----
  const finish = async (outcome: TaskOutcome, phase: 'create' | 'monitor'): Promise<StageRun> => {
    let status: StageStatus;
    let reason: string | undefined;
    if (outcome.status === 'SUCCEEDED') status = 'SUCCEEDED';
    else {
      reason = outcome.reason;
      if (outcome.status === 'ABORTED') status = 'CANCELED';
      else if (outcome.status === 'TIMEOUT')
        status = context.markSuccessfulOnTimeout === true ? 'SUCCEEDED' : failureStatus(context);
      else status = failureStatus(context, outcome.status);
    }
    const externalCancelWhilePolling = outcome.status === 'ABORTED' && phase === 'monitor';
    if (externalCancelWhilePolling || sendsCancelAfter(status)) await cancelCall();
    return { status, context, calls, unresolved, reason };
  };

  if (context.monitorOnly !== true) {
    const created = await createTask();
    if (created.status !== 'SUCCEEDED') return finish(created, 'create');
  } else {
    evaluate();
    context.statusEndpoint ??= context.url;
  }
  const waitSeconds = numberOr(context.waitBeforeMonitor, 0);
  if (waitSeconds > 0) await clock.sleep(waitSeconds * 1000, options.cancelSignal);
  if (context.waitForCompletion !== true) return finish({ status: 'SUCCEEDED' }, 'create');
  return finish(await monitorTask(), 'monitor');
}

/** Stores status code, headers and body like `WebhookResponseProcessor` (JSON parsed when it looks like JSON). */
function storeResponse(target: Record<string, unknown>, response: HttpResponse, mode: 'create' | 'error'): void {
  target.statusCode = statusName(response.status);
  target.statusCodeValue = response.status;
  target.headers = flatHeaders(response.headers);
  const contentType = response.headers['content-type']?.[0] ?? '';
  const text = response.bodyText;
  const looksJson = mode === 'error' ? /^\s*[[{]/.test(text) : contentType.includes('json');
  if (looksJson) {
    try {
      target.body = JSON.parse(text);
      return;
    } catch {
      // fall through: keep the text
    }
  }
  target.body = text;
}

function flatHeaders(headers: Record<string, string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, values] of Object.entries(headers)) out[name] = values[0] ?? '';
  return out;
}

/** Orca forces the create URL's scheme onto a status URL with the same host but another scheme. */
function forceScheme(statusUrl: string, createUrl: string): string {
  try {
    const s = new URL(statusUrl);
    const c = new URL(createUrl);
    if (s.host === c.host && s.protocol !== c.protocol) {
      s.protocol = c.protocol;
      return s.toString();
    }
  } catch {
    // relative or invalid: left for URL validation to refuse at poll time
  }
  return statusUrl;
}

/**
 * Encodes a payload like Spring's converters: a string is sent as is (with the `Content-Type` the headers say, else
 * `text/plain;charset=ISO-8859-1`), an object or array as JSON (`application/json`), null/undefined as no body.
 */
function encodeBody(body: unknown, headers: Record<string, string[]>, method: string): Buffer | undefined {
  if (method === 'GET' || body === null || body === undefined) return undefined;
  const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
  if (typeof body === 'string') {
    if (typeKey === undefined) headers['Content-Type'] = ['text/plain;charset=ISO-8859-1'];
    const type = (typeKey !== undefined ? headers[typeKey]?.[0] : undefined) ?? 'text/plain;charset=ISO-8859-1';
    const utf8 = /json|charset=utf-8/i.test(type);
    return Buffer.from(body, utf8 ? 'utf8' : 'latin1');
  }
  if (typeKey === undefined) headers['Content-Type'] = ['application/json'];
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function numberOr(value: unknown, fallback: number): number {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : fallback;
}
