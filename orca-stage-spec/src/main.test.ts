import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
});

function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  return { out, err };
}

describe('main', () => {
  it('--help lists every environment variable and exits 0', async () => {
    const { out } = captureOutput();
    expect(await main(['--help'], {})).toBe(0);
    const text = out.join('');
    for (const name of [
      'HOST',
      'PORT',
      'PUBLIC_BASE_URL',
      'CANARY_JUDGE_DB',
      'CANARY_JUDGE_CONFIG',
      'CANARY_JUDGE_TOKEN',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain('CANARY_JUDGE_CLOCK_SPEED');
  });

  it('exits 2 naming the setting for a bad argument, a bad PORT and an unreadable config file', async () => {
    const { err } = captureOutput();
    expect(await main(['--verbose'], {})).toBe(2);
    expect(err.join('')).toContain('unknown argument "--verbose"');
    expect(await main([], { PORT: 'eighty' })).toBe(2);
    expect(err.join('')).toContain('PORT: must be an integer');
    expect(await main(['--config', '/nonexistent/judge.json'], {})).toBe(2);
    expect(err.join('')).toContain('cannot read /nonexistent/judge.json');
  });

  it('runs as a process: prints its URLs, answers /readyz, stops cleanly on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', 'orca-stage-spec/src/main.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0', CANARY_JUDGE_DB: ':memory:', LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    await vi.waitFor(() => expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/), {
      timeout: 20_000,
      interval: 50,
    });
    const base = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
    expect(out).toContain('/v1/judgments/{key}');
    expect(out).toContain('/metrics');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);
});
