/**
 * Starts the judge service for a benchmark: `node --import tsx orca-stage-spec/src/main.ts` as a child process on
 * loopback (port chosen by the system), output other than stdout ignored.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Spawns the service and waits for its `listening on http://127.0.0.1:PORT` line (see orca-stage-spec/src/main.ts).
 *
 * @param env variables added to this process's environment (for example `CANARY_JUDGE_DB`, `LOG_LEVEL`); `HOST` is
 *   always 127.0.0.1 and `PORT` 0
 * @returns the child process and its base URL; rejects when the child exits first or does not listen within 60 s
 */
export async function spawnJudgeService(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'orca-stage-spec/src/main.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`service did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (out.length > 100_000) return; // the URLs come first; the JSON logs after them are not kept
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}: ${out}`)));
  });
  return { child, base };
}
