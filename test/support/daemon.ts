/**
 * A server process for integration tests (a Debian metric-store daemon, or the judge service itself): started on a
 * free loopback port, awaited until it says it is ready, and stopped again when it dies or never gets ready — so each
 * store's helper only says how to launch it and how to ask whether it is ready.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './ports';
import type { TestProcess } from './process';
import { waitUntil } from './wait';

/** A running server process. */
export interface DaemonServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** The loopback port it listens on. */
  readonly port: number;
  readonly process: TestProcess;
  /** SIGTERM (then SIGKILL) and wait for the exit. Idempotent. */
  stop(): Promise<void>;
}

/** Options of {@link startDaemon}. */
export interface DaemonOptions {
  /** Names the server in error messages (`prometheus`, `influxd`, …). */
  name: string;
  /** Starts the process listening on 127.0.0.1:`port` (see `startProcess` in ./process). */
  launch(port: number, baseUrl: string): TestProcess;
  /** True once the server answers as ready (an exception counts as "not yet"). */
  ready(baseUrl: string): Promise<boolean>;
  /** The port to listen on (default: a free one from {@link freePort}). */
  port?: number;
  /** How long to wait for {@link DaemonOptions.ready}, ms (default 30 000). */
  timeoutMs?: number;
  /** Pause between readiness probes, ms (default 100). */
  intervalMs?: number;
  /** Work once it is ready (creating users, importing data); when it throws, the server is stopped too. */
  setUp?(baseUrl: string): Promise<void>;
}

/**
 * Launches a server, waits until {@link DaemonOptions.ready} holds, and runs {@link DaemonOptions.setUp}.
 * Edge cases: a process that exits while awaited is named, with its output, as the last error of the timeout; on
 * any failure the process is stopped before the error is thrown, so no daemon outlives a failed start.
 * @throws Error naming the server, with the process output appended, when it exits early, is not ready in time, or
 * `setUp` fails.
 */
export async function startDaemon(options: DaemonOptions): Promise<DaemonServer> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = options.launch(port, baseUrl);
  try {
    await waitUntil(
      async () => {
        if (child.hasExited()) throw new Error(`${options.name} exited early:\n${child.output()}`);
        return options.ready(baseUrl);
      },
      {
        timeoutMs: options.timeoutMs ?? 30_000,
        intervalMs: options.intervalMs ?? 100,
        what: `${options.name} ready on ${baseUrl}`,
      },
    );
    await options.setUp?.(baseUrl);
  } catch (error) {
    await child.stop();
    throw new Error(`${(error as Error).message}\n--- ${options.name} output ---\n${child.output()}`);
  }
  return { baseUrl, port, process: child, stop: () => child.stop() };
}

/**
 * A directory of a server's own under the test's work directory (data, logs), created with its parents if missing.
 * @param workDir the test's work directory
 * @param name the subdirectory's name
 * @returns its path
 */
export function workSubdir(workDir: string, name: string): string {
  const dir = join(workDir, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}
