/**
 * Child processes for integration tests: start with captured output, stop politely or kill -9, never leak.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** A started child process and the tail of what it printed. */
export interface TestProcess {
  /** OS process id. */
  readonly pid: number;
  /** The child itself (for signals in tests that simulate crashes). */
  readonly child: ChildProcess;
  /** Last ~64 KB of combined stdout and stderr, for failure messages. */
  output(): string;
  /** Resolves with the exit code (or the signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** SIGTERM, then SIGKILL after `graceMs` (default 3000); resolves when the process is gone. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (a crash, like `kill -9`); resolves when the process is gone. */
  kill9(): Promise<void>;
}

const OUTPUT_LIMIT = 64 * 1024;
const running = new Set<TestProcess>();

/**
 * Starts `command args…` with `env` added to the current environment, capturing its output.
 *
 * Edge cases: a process that fails to spawn (missing binary) rejects `exited` with the spawn error's message as exit
 * value `spawn-error: …`; every started process is registered so {@link stopAll} can clean up after a failed test.
 */
export function startProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string | undefined> = {},
  cwd?: string,
): TestProcess {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  const append = (chunk: Buffer): void => {
    buffer = (buffer + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let done = false;
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      resolve(code ?? signal ?? 'unknown');
    });
    child.on('error', (error) => {
      done = true;
      resolve(`spawn-error: ${error.message}`);
    });
  });
  const handle: TestProcess = {
    pid: child.pid ?? -1,
    child,
    output: () => buffer,
    exited,
    hasExited: () => done,
    async stop(graceMs = 3000) {
      if (!done) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (!done) child.kill('SIGKILL');
        }, graceMs);
        await exited;
        clearTimeout(timer);
      }
      running.delete(handle);
    },
    async kill9() {
      if (!done) child.kill('SIGKILL');
      await exited;
      running.delete(handle);
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** Stops every process started through {@link startProcess} in this worker that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}
