/**
 * The CLI installs on its own (issue 10): `npm pack` of `cli/` (its `prepack` bundles `cli/dist/canary-judge.mjs`)
 * gives a tarball that `npx` runs in an empty folder — no workspace, no other package of this repository, no
 * dependency to fetch — with the same output and exit codes as the library and the development command.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, type RemoteJudgeRequest } from '@canary-judge/shared';
import { REPO_ROOT } from '../support/judge-service';

let dir = '';
let tarball = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'canary-judge-cli-pack-'));
  const pack = spawnSync('npm', ['pack', '--pack-destination', dir], {
    cwd: join(REPO_ROOT, 'cli'),
    encoding: 'utf8',
  });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!file) throw new Error(`npm pack wrote no tarball:\n${pack.stdout}`);
  tarball = join(dir, file);
  mkdirSync(join(dir, 'empty'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** PATH without this checkout's `node_modules/.bin` folders (vitest runs under npm), so only the tarball answers. */
const PATH = (process.env['PATH'] ?? '')
  .split(':')
  .filter((p) => !p.includes('node_modules'))
  .join(':');

function npx(args: string[], input = '') {
  const run = spawnSync('npx', ['--yes', '--package', tarball, 'canary-judge', ...args], {
    cwd: join(dir, 'empty'),
    env: { ...process.env, PATH },
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm pack of cli/, run with npx in an empty folder', () => {
  it('packs only the bundled command, its manifest and its README (no runtime dependencies)', () => {
    const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.trim().split('\n').sort();
    // npm always packs a package's README (cli/README.md, issue 12); nothing else beside the command and manifest.
    expect(list).toEqual(['package/README.md', 'package/dist/canary-judge.mjs', 'package/package.json']);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'cli/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['bin']).toEqual({ 'canary-judge': 'dist/canary-judge.mjs' });
  });

  it('judges a request file exactly as judge() does, exit 0', () => {
    const file = join(REPO_ROOT, 'shared/examples/remote-judge-request.json');
    const run = npx(['judge', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const expected = JSON.parse(JSON.stringify(judge(JSON.parse(readFileSync(file, 'utf8')) as RemoteJudgeRequest)));
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it('refuses bad input with exit 2 and a message naming the path', () => {
    const bad = join(dir, 'empty', 'bad.json');
    writeFileSync(bad, JSON.stringify({ canaryConfig: {}, metricSetPairList: 3 }));
    const run = npx(['judge', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^canary-judge: /);
  });
});
