import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { demoRequest } from '../demo/demo-request';

// Two service processes on one SQLite file: every interval is evaluated by exactly one of them.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cj-sqlite-shared-'));
const children: ChildProcess[] = [];

afterAll(async () => {
  for (const c of children) {
    c.kill('SIGTERM');
    await new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)));
  }
  rmSync(dir, { recursive: true, force: true });
});

async function startProcess(): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', 'orca-stage-spec/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        CANARY_JUDGE_DB: join(dir, 'shared.db'),
        LOG_LEVEL: 'error',
        CANARY_JUDGE_CONFIG: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await vi.waitFor(() => expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/), {
    timeout: 30_000,
    interval: 50,
  });
  return /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] as string;
}

describe('two processes sharing one SQLite file', () => {
  it('finish every retrospective judgment with each interval evaluated once', async () => {
    const [a, b] = await Promise.all([startProcess(), startProcess()]);
    const keys = Array.from({ length: 20 }, (_, i) => `shared-${i}`);
    for (const [i, key] of keys.entries()) {
      const request = demoRequest(i % 2 === 0 ? 'healthy' : 'error-burst', {
        startTimeIso: '2024-05-01T10:00:00Z',
        endTimeIso: '2024-05-01T11:00:00Z',
        intervalMinutes: 10,
        stepSeconds: 10,
      });
      const res = await fetch(`${i % 2 === 0 ? a : b}/v1/judgments/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      expect(res.status).toBe(201);
    }
    await vi.waitFor(
      async () => {
        for (const key of keys) {
          const j = (await (await fetch(`${b}/v1/judgments/${key}`)).json()) as { status: string };
          expect(j.status).not.toBe('RUNNING');
        }
      },
      { timeout: 60_000, interval: 200 },
    );
    for (const [i, key] of keys.entries()) {
      const report = (await (await fetch(`${a}/v1/judgments/${key}/report`)).json()) as {
        judgment: { status: string; verdict: string; error: unknown };
        intervals: Array<{ state: string; attempts: number }>;
      };
      expect(report.judgment.error).toBeNull();
      expect(report.judgment.verdict).toBe(i % 2 === 0 ? 'PASS' : 'MARGINAL');
      expect(report.intervals.map((x) => x.state)).toEqual(Array(6).fill('DONE'));
      expect(report.intervals.map((x) => x.attempts)).toEqual(Array(6).fill(1));
    }
    // The two processes' evaluation counters add up to exactly the 120 intervals.
    const done = async (base: string) => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return Number(/canary_judge_interval_evaluation_seconds_count\{outcome="done"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    expect((await done(a)) + (await done(b))).toBe(120);
  }, 120_000);
});
