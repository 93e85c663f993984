import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { USAGE } from './args';
import { fakeJudge, runMain, sampleRequest } from './testing/run-main';

const dir = mkdtempSync(join(tmpdir(), 'canary-judge-cli-'));
const requestFile = join(dir, 'request.json');
writeFileSync(requestFile, JSON.stringify(sampleRequest()));

const line = (name: string) => {
  const r = sampleRequest();
  r.metricSetPairList[0]!.name = name;
  r.canaryConfig.metrics[0]!.name = name;
  return JSON.stringify(r);
};

describe('canary-judge judge', () => {
  it('reads stdin when FILE is "-" and prints the result as JSON', async () => {
    const run = await runMain(['judge', '-'], JSON.stringify(sampleRequest()), fakeJudge);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual(fakeJudge(sampleRequest()));
  });

  it('reads a file', async () => {
    const run = await runMain(['judge', requestFile], '', fakeJudge);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(fakeJudge(sampleRequest()));
  });

  it('refuses a missing file, a directory, an unknown flag and no command with exit 2', async () => {
    expect(await runMain(['judge', join(dir, 'nope.json')], '', fakeJudge)).toEqual({
      code: 2,
      stdout: '',
      stderr: `canary-judge: cannot read ${join(dir, 'nope.json')}: no such file\n`,
    });
    expect((await runMain(['judge', dir], '', fakeJudge)).stderr).toBe(
      `canary-judge: cannot read ${dir}: is a directory\n`,
    );
    const flag = await runMain(['judge', '--colour'], '', fakeJudge);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe(`canary-judge: Unknown option '--colour'\nTry "canary-judge --help".\n`);
    expect((await runMain(['judge', '--fromat', 'table'], '', fakeJudge)).stderr).toBe(
      `canary-judge: Unknown option '--fromat'; did you mean --format?\nTry "canary-judge --help".\n`,
    );
    expect((await runMain(['judge', '--json'], '', fakeJudge)).stderr).toMatch(/did you mean --jsonl\?/);
    expect((await runMain([], '', fakeJudge)).code).toBe(2);
  });

  it('prints usage for --help with exit 0', async () => {
    expect(await runMain(['--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
  });

  it('judges a request the judgment API would refuse, with the API wording as warnings (Kayenta is lenient)', async () => {
    const r = sampleRequest();
    r.canaryConfig.classifier = { groupWeights: { system: 120 } };
    r.canaryConfig.metrics[0]!.analysisConfigurations = { canary: { direction: 'up' } };
    const run = await runMain(['judge', '-'], JSON.stringify(r), fakeJudge);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      'canary-judge: warning: canaryConfig.metrics[0].analysisConfigurations.canary.direction: must be one of increase, decrease, either (got "up") (judged anyway, as Kayenta does; the judgment API refuses it)',
      'canary-judge: warning: canaryConfig.classifier.groupWeights.system: must be at most 100 (got 120) (judged anyway, as Kayenta does; the judgment API refuses it)',
    ]);
  });

  it('reports an unexpected judge failure as an internal error, exit 1', async () => {
    const run = await runMain(['judge'], line('crash-me'), fakeJudge);
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'canary-judge: internal error: boom\n' });
  });
});

describe('canary-judge judge --jsonl', () => {
  it('writes one result per line, in order, each with its line number', async () => {
    const input = [line('a'), line('b'), line('c')].join('\n') + '\n';
    const run = await runMain(['judge', '--jsonl'], input, fakeJudge);
    expect(run.code).toBe(0);
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; results: Array<{ name: string }> });
    expect(out.map((r) => r.results[0]!.name)).toEqual(['a', 'b', 'c']);
    expect(out.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it('gives a blank line an error line (one output line per input line), and exits 2', async () => {
    const input = [line('a'), '', line('b')].join('\n') + '\n';
    const run = await runMain(['judge', '--jsonl'], input, fakeJudge);
    expect(run.code).toBe(2);
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((r) => r['line'])).toEqual([1, 2, 3]);
    expect(out[1]).toEqual({
      line: 2,
      error: {
        path: '',
        rule: 'the line is blank: --jsonl expects one RemoteJudge request (JSON) per line',
        message: 'line 2: the line is blank: --jsonl expects one RemoteJudge request (JSON) per line',
      },
    });
  });

  it('says so for an empty file or empty stdin', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    for (const args of [
      ['judge', '--jsonl', empty],
      ['judge', '--jsonl'],
    ]) {
      expect(await runMain(args, '', fakeJudge)).toEqual({
        code: 2,
        stdout: '',
        stderr: 'canary-judge: the input is empty: --jsonl expects one RemoteJudge request (JSON) per line\n',
      });
    }
    expect((await runMain(['judge', empty], '', fakeJudge)).stderr).toMatch(/^canary-judge: the input is empty: /);
  });

  it("reports one line number for a bad line (the column, not the JSON parser's line 1)", async () => {
    const run = await runMain(['judge', '--jsonl'], `${line('a')}\n{"canaryConfig": {,}\n`, fakeJudge);
    const out = JSON.parse(run.stdout.trimEnd().split('\n')[1] ?? '') as { error: { message: string } };
    expect(out.error.message).toMatch(/^line 2: invalid JSON \(column 19\): /);
    expect(out.error.message.match(/line \d/g)).toHaveLength(1);
  });

  it('gives an error line naming the line number for each bad line, continues, and exits 2', async () => {
    const input = [line('a'), '{"broken": ', line('refuse-me'), '{}', line('d')].join('\n');
    const run = await runMain(['judge', '--jsonl', '-'], input, fakeJudge);
    expect(run.code).toBe(2);
    const out = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(5);
    expect((out[0] as { results: Array<{ name: string }> }).results[0]!.name).toBe('a');
    expect(out[1]).toMatchObject({
      line: 2,
      error: { path: '', message: expect.stringMatching(/^line 2: invalid JSON/) },
    });
    expect(out[2]).toEqual({
      line: 3,
      error: {
        path: 'metricSetPairList[0].name',
        rule: 'has no metric config with this name',
        message: 'line 3: metricSetPairList[0].name: has no metric config with this name',
      },
    });
    expect(out[3]).toEqual({
      line: 4,
      error: { path: 'canaryConfig', rule: 'is required', message: 'line 4: canaryConfig: is required' },
    });
    expect((out[4] as { results: Array<{ name: string }> }).results[0]!.name).toBe('d');
    expect(run.stderr).toBe('canary-judge: 3 of the input lines could not be judged\n');
  });

  it('reads JSONL from a file', async () => {
    const file = join(dir, 'requests.jsonl');
    writeFileSync(file, `${line('x')}\r\n${line('y')}\r\n`);
    const run = await runMain(['judge', '--jsonl', file], '', fakeJudge);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toHaveLength(2);
  });
});
