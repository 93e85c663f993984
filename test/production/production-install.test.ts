/**
 * The production install (issue 10, "Must show"): the file tree the Dockerfile copies (`scripts/prod-tree.mjs`, the
 * same script) is written to a temporary folder, its dependencies are installed with `npm ci --omit=dev` (only the
 * service workspace and the root), and the compiled service (`node orca-stage-spec/dist/main.js`) is started there
 * with no TypeScript tooling installed: a demo judgment runs to PASS, then SIGTERM stops it with exit code 0.
 *
 * One shortcut, for time only: npm runs no install scripts (`--ignore-scripts`), and better-sqlite3's native addon is
 * copied from this checkout's installation (same Node.js, same ABI) instead of being compiled again from source
 * (about two minutes on two cores; the Dockerfile does compile it).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/judge-service';
import { freePort } from '../support/ports';
import { startProcess, type TestProcess } from '../support/process';
import { waitUntil } from '../support/wait';

let dir = '';
let service: TestProcess | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'canary-judge-prod-'));
  const tree = spawnSync(process.execPath, ['scripts/prod-tree.mjs', join(dir, 'app')], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (tree.status !== 0) throw new Error(`prod-tree failed:\n${tree.stdout}${tree.stderr}`);
  const install = spawnSync(
    'npm',
    [
      'ci',
      '--omit=dev',
      '--workspace',
      'orca-stage-spec',
      '--include-workspace-root',
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
    ],
    { cwd: join(dir, 'app'), encoding: 'utf8', timeout: 280_000 },
  );
  if (install.status !== 0) throw new Error(`npm ci failed:\n${install.stdout}${install.stderr}`);
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  cpSync(join(REPO_ROOT, addon), join(dir, 'app', addon));
}, 300_000);

afterAll(async () => {
  await service?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('production tree, production dependencies only', () => {
  it('holds compiled JavaScript and no TypeScript tooling or test code', () => {
    const app = join(dir, 'app');
    expect(existsSync(join(app, 'orca-stage-spec/dist/main.js'))).toBe(true);
    expect(existsSync(join(app, 'shared/dist/index.js'))).toBe(true);
    expect(existsSync(join(app, 'orca-stage-spec/dist/store/migrations/001_initial.sql'))).toBe(true);
    for (const devOnly of ['typescript', 'tsx', 'vitest', 'rollup', 'esbuild', 'react', 'prettier']) {
      expect(existsSync(join(app, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    expect(existsSync(join(app, 'orca-stage-spec/src'))).toBe(false);
    expect(existsSync(join(app, 'deck-plugin/demo'))).toBe(false);
  });

  it('starts the compiled service, judges the demo source to PASS, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    service = startProcess(
      process.execPath,
      ['orca-stage-spec/dist/main.js'],
      {
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: base,
        CANARY_JUDGE_DB: join(dir, 'judge.db'),
        CANARY_JUDGE_CLOCK_SPEED: '600',
        LOG_LEVEL: 'warn',
        NODE_OPTIONS: '',
      },
      join(dir, 'app'),
    );
    const proc = service;
    await waitUntil(
      async () => {
        if (proc.hasExited()) throw new Error(`the service exited:\n${proc.output()}`);
        return (await fetch(`${base}/readyz`)).status === 200;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `compiled service ready on ${base}` },
    );
    const { demoRequest } = await import('@canary-judge/orca-stage-spec/testing');
    const body = demoRequest('healthy', { lifetimeMinutes: 10, intervalMinutes: 10, stepSeconds: 10 });
    const put = await fetch(`${base}/v1/judgments/prod-install-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(put.status).toBe(201);
    const final = await waitUntil(
      async () => {
        const j = (await (await fetch(`${base}/v1/judgments/prod-install-1`)).json()) as Record<string, unknown>;
        return j['status'] === 'RUNNING' ? undefined : j;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the judgment to finish' },
    );
    expect(final).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS' });
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');

  it('builds the same tree with the same script and installs it the same way as this test', () => {
    expect(dockerfile).toContain('RUN node scripts/prod-tree.mjs /app');
    expect(dockerfile).toMatch(/npm ci --omit=dev --workspace orca-stage-spec --include-workspace-root/);
    expect(dockerfile).toContain('CMD ["node", "orca-stage-spec/dist/main.js"]');
  });

  it('is multi-stage on Node 20 slim, runs as a non-root user, with a /healthz HEALTHCHECK', () => {
    const stages = dockerfile.match(/^FROM .*$/gm) ?? [];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const from of stages) expect(from).toMatch(/^FROM node:20-[a-z]+-slim\b/);
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(final).toContain('COPY --from=build /app /app');
  });
});
