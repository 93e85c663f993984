/**
 * Shared scaffolding of the metric-source tests (`src/sources/*.test.ts`): a loopback stub store started once per
 * test file and reset before each test, a `FetchRequest` with the usual defaults, and the catch-and-check of a
 * `MetricSourceError` (the fetch prefix, no secret in the message). Test-only: nothing in the service imports it.
 *
 * Reference: `src/sources/port.ts` (the port every source implements, `describeFetch`); `test/support/stub-server.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import {
  startStubServer,
  type StubRequest,
  type StubResponse,
  type StubServer,
} from '../../../test/support/stub-server';
import { loadConfig, type ServiceConfig } from '../config';
import { MetricSourceError, describeFetch, type FetchRequest } from '../sources/port';

/** A stub handler. */
export type StubHandler = (req: StubRequest) => StubResponse | Promise<StubResponse>;

/**
 * Registers the stub store's lifecycle in the calling test file: started before all tests, closed after them, and
 * before each test its request log emptied and `handler()` installed as the answer.
 * @param handler what the store answers at the start of every test (a function, so it may close over test state)
 * @returns a stand-in for the running stub: its members read the server started in `beforeAll`
 */
export function useStubStore(handler: () => StubHandler): StubServer {
  let server: StubServer | undefined;
  const running = (): StubServer => {
    if (!server) throw new Error('the stub store starts in beforeAll');
    return server;
  };
  beforeAll(async () => {
    server = await startStubServer();
  });
  afterAll(() => running().close());
  beforeEach(() => {
    running().requests.length = 0;
    running().setHandler(handler());
  });
  return {
    get baseUrl() {
      return running().baseUrl;
    },
    get requests() {
      return running().requests;
    },
    setHandler: (h) => running().setHandler(h),
    close: () => running().close(),
  };
}

/**
 * A fetch request for one metric with the defaults most source tests share (experiment side, no location, no
 * parameters, no templates, 60 s steps); `over` replaces any field.
 * @param over the fields that differ; `metric` defaults to `latency` with `query` (or an empty query)
 * @param query the metric's query config when `over.metric` is not given
 */
export function fetchRequest(
  over: Partial<FetchRequest> & Pick<FetchRequest, 'startMs' | 'endMs'>,
  query = {},
): FetchRequest {
  return {
    metric: { name: 'latency', groups: [], query },
    side: 'experiment',
    scope: 'checkout-canary',
    location: undefined,
    params: {},
    scopes: { controlScope: 'checkout-baseline', experimentScope: 'checkout-canary' },
    templates: {},
    stepSeconds: 60,
    ...over,
  };
}

/** What {@link sourceFailure} checks beyond the error's class. */
export interface FailureChecks {
  /** The message must start with `describeFetch(type, name, request)`. */
  prefix?: { type: string; name: string; request: FetchRequest };
  /** Texts the message must not contain (keys, tokens, passwords). */
  secrets?: readonly string[];
}

/**
 * Awaits `p`, which must reject with a {@link MetricSourceError}; checks the message prefix and that no secret
 * leaks into it.
 * @param p the fetch (or other call) expected to fail
 * @param checks the prefix and secrets to check, if any
 * @returns the error, for further assertions
 * @throws Error when `p` resolves
 */
export async function sourceFailure(p: Promise<unknown>, checks: FailureChecks = {}): Promise<MetricSourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSourceError);
    const err = e as MetricSourceError;
    if (checks.prefix) {
      const { type, name, request } = checks.prefix;
      expect(err.message.startsWith(describeFetch(type, name, request))).toBe(true);
    }
    for (const secret of checks.secrets ?? []) expect(err.message).not.toContain(secret);
    return err;
  }
  throw new Error('expected a MetricSourceError');
}

/**
 * Calls `fn`, which must throw a {@link MetricSourceError} (the synchronous query builders and checks).
 * @param fn the call expected to throw
 * @returns the error
 * @throws Error when `fn` returns
 */
export function sourceFailureSync(fn: () => unknown): MetricSourceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSourceError);
    return e as MetricSourceError;
  }
  throw new Error('expected a MetricSourceError');
}

/**
 * Loads the service configuration from a temporary `judge.json` holding one metric source.
 * @param name the source's name under `metricSources`
 * @param source its settings as an operator writes them
 * @param env further environment variables (secrets read through `...Env` settings)
 * @returns the loaded configuration
 * @throws what {@link loadConfig} throws for a bad file
 */
export function configWithSource(
  name: string,
  source: Record<string, unknown>,
  env: Record<string, string> = {},
): ServiceConfig {
  const dir = mkdtempSync(join(tmpdir(), `cj-${name}-`));
  try {
    const path = join(dir, 'judge.json');
    writeFileSync(path, JSON.stringify({ metricSources: { [name]: source } }));
    return loadConfig({ CANARY_JUDGE_CONFIG: path, ...env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
