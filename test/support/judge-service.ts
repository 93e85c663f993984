/**
 * Starts the real judge service (`orca-stage-spec/src/main.ts`) as a child process on 127.0.0.1 for integration
 * tests: free port, temporary SQLite file, JSON config file, accelerated clock; waits for `/readyz` (or `/healthz`,
 * see {@link JudgeServiceOptions.readyPath}).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDaemon } from './daemon';
import { startProcess, type TestProcess } from './process';

/** The repository root (two levels above this file). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Options of {@link startJudgeService}. */
export interface JudgeServiceOptions {
  /** Judgment-clock speed-up (`CANARY_JUDGE_CLOCK_SPEED`), default 60 (one real second = one judgment minute). */
  clockSpeed?: number;
  /** Service config file content (JSON); `metricSources`, `scheduler`… (see orca-stage-spec/src/config.ts). */
  config?: Record<string, unknown>;
  /** Reuse this SQLite file (restart tests); default a new file in a temp directory. */
  dbFile?: string;
  /** Reuse this port (restart tests); default a free port. */
  port?: number;
  /** `CANARY_JUDGE_TOKEN` (default none). */
  token?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** How long to wait for `/readyz` (default 30 s: tsx compiles on first start). */
  readyTimeoutMs?: number;
  /**
   * The probe that must answer 200 before the service counts as started (default `/readyz`); `/healthz` for a
   * service expected to run without its store (liveness only).
   */
  readyPath?: '/readyz' | '/healthz';
}

/** A running judge service. */
export interface JudgeService {
  /** `http://127.0.0.1:<port>` (also its PUBLIC_BASE_URL). */
  readonly baseUrl: string;
  readonly port: number;
  readonly dbFile: string;
  readonly configFile: string;
  /** Temp directory holding the DB and config (removed by {@link JudgeService.cleanup}). */
  readonly dir: string;
  readonly process: TestProcess;
  /** SIGTERM (then SIGKILL) and wait for exit. */
  stop(): Promise<void>;
  /** kill -9 and wait for exit (simulated crash). */
  kill9(): Promise<void>;
  /** Stops the process and deletes the temp directory (only if this helper created it). */
  cleanup(): Promise<void>;
}

/**
 * Starts `node --import tsx orca-stage-spec/src/main.ts` with HOST=127.0.0.1 and the given settings, and resolves
 * once `GET /readyz` answers 200.
 * @throws Error with the process output when it exits early or is not ready in time.
 */
export async function startJudgeService(options: JudgeServiceOptions = {}): Promise<JudgeService> {
  const ownDir = mkdtempSync(join(tmpdir(), 'canary-judge-test-'));
  const dbFile = options.dbFile ?? join(ownDir, 'judge.db');
  const configFile = join(ownDir, 'config.json');
  // Load shedding on event-loop delay is off unless a test sets it: a busy test machine must not turn answers into
  // 429s (test/faults/load-shedding.test.ts and the unit tests cover it).
  const config = options.config ?? {};
  const http = { maxEventLoopDelayMs: 0, ...((config['http'] as Record<string, unknown> | undefined) ?? {}) };
  writeFileSync(configFile, JSON.stringify({ ...config, http }, null, 2));
  const service = await startDaemon({
    name: 'service',
    port: options.port,
    launch: (port, baseUrl) =>
      startProcess(
        process.execPath,
        ['--conditions=development', '--import', 'tsx', 'orca-stage-spec/src/main.ts'],
        {
          HOST: '127.0.0.1',
          PORT: String(port),
          PUBLIC_BASE_URL: baseUrl,
          CANARY_JUDGE_DB: dbFile,
          CANARY_JUDGE_CONFIG: configFile,
          CANARY_JUDGE_CLOCK_SPEED: String(options.clockSpeed ?? 60),
          CANARY_JUDGE_TOKEN: options.token ?? '',
          LOG_LEVEL: 'warn',
          ...options.env,
        },
        REPO_ROOT,
      ),
    ready: async (baseUrl) => (await fetch(`${baseUrl}${options.readyPath ?? '/readyz'}`)).status === 200,
    timeoutMs: options.readyTimeoutMs ?? 30_000,
  }).catch((error: unknown) => {
    rmSync(ownDir, { recursive: true, force: true });
    throw error;
  });
  const { baseUrl, port, process: child } = service;
  return {
    baseUrl,
    port,
    dbFile,
    configFile,
    dir: ownDir,
    process: child,
    stop: () => child.stop(),
    kill9: () => child.kill9(),
    async cleanup() {
      await child.stop();
      rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
