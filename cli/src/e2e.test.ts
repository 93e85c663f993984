/**
 * End to end with the real judge: in-process `main` against `judge()` called directly, and the installed binary
 * (`node bin/canary-judge.mjs`, tsx loader) spawned on the example requests in `shared/examples/`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judge, type RemoteJudgeRequest } from '@canary-judge/shared';
import { runMain } from './testing/run-main';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/canary-judge.mjs`;
const regressedFile = `${root}shared/examples/remote-judge-request.json`;
const healthyFile = `${root}shared/examples/healthy-request.json`;
const regressed = readFileSync(regressedFile, 'utf8');
const healthy = readFileSync(healthyFile, 'utf8');
/** What the CLI must print: the library's result, as JSON (NaN already written as "NaN" by the judge). */
const direct = (text: string): unknown => JSON.parse(JSON.stringify(judge(JSON.parse(text) as RemoteJudgeRequest)));

function spawnCli(args: string[], input = '') {
  const run = spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8', cwd: root, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('canary-judge with the real judge', () => {
  it('prints exactly what judge() returns (in process)', async () => {
    const run = await runMain(['judge', regressedFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(direct(regressed));
  });

  it('table: verdict, and each failing metric with its reason and explanation', async () => {
    const run = await runMain(['judge', '--format', 'table', regressedFile]);
    expect(run.code).toBe(0);
    const result = judge(JSON.parse(regressed) as RemoteJudgeRequest);
    expect(run.stdout.split('\n')[0]).toBe(`Verdict: ${result.score.classification.toUpperCase()}`);
    const failing = result.results.filter((r) => r.classification !== 'Pass');
    expect(failing.length).toBeGreaterThan(0);
    for (const r of failing) {
      expect(run.stdout).toMatch(
        new RegExp(`${r.name.replace(/\./g, '\\.')}\\S* +${r.classification} .*${r.classificationReason}`),
      );
      expect(run.stdout).toContain(r.canaryJudge!.explanation);
    }
  });

  it("maps the judge's JudgeInputError to exit 2 with its path and rule", async () => {
    const request = JSON.parse(healthy) as RemoteJudgeRequest;
    request.metricSetPairList[0]!.name = 'no-such-metric';
    const run = await runMain(['judge', '-'], JSON.stringify(request));
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'canary-judge: metricSetPairList[0].name: no metric config named "no-such-metric" in canaryConfig.metrics\n',
    });
  });

  it('the binary judges a file, and stdin with "-"', () => {
    const file = spawnCli(['judge', healthyFile]);
    expect(file.stderr).toBe('');
    expect(file.code).toBe(0);
    expect(JSON.parse(file.stdout)).toEqual(direct(healthy));
    const stdin = spawnCli(['judge', '--format', 'table', '-'], regressed);
    expect(stdin.code).toBe(0);
    expect(stdin.stdout).toMatch(/^Verdict: (PASS|MARGINAL|FAIL)\n/);
  });

  it('the binary streams JSONL in order, with an error line for a bad line, and exits 2', () => {
    const lines = [
      JSON.stringify(JSON.parse(regressed)),
      '{"canaryConfig":{"metrics":[]}}',
      JSON.stringify(JSON.parse(healthy)),
    ];
    const run = spawnCli(['judge', '--jsonl'], lines.join('\n'));
    expect(run.code).toBe(2);
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    // Every output line carries its input line number (issue 13), results too.
    expect(out).toEqual([
      { line: 1, ...(direct(regressed) as object) },
      {
        line: 2,
        error: { path: 'metricSetPairList', rule: 'is required', message: 'line 2: metricSetPairList: is required' },
      },
      { line: 3, ...(direct(healthy) as object) },
    ]);
  });
});
