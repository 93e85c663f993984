/**
 * A real Graphite for integration tests: the test's series are written as whisper files (Debian's `python3-whisper`)
 * into a temporary storage directory, and Debian's graphite-web is started on 127.0.0.1 over it with
 * `graphite-manage runserver` and a settings module of its own (`GRAPHITE_SETTINGS_MODULE`), so the system's
 * `/etc/graphite` and `/var/lib/graphite` are neither read nor written. No `migrate` is run: the render API reads
 * whisper files only and never touches Django's database. Needs Debian's `graphite-web` (installed by `.ci/run`).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startDaemon, workSubdir, type DaemonServer } from './daemon';
import { startProcess } from './process';

const run = promisify(execFile);

/** Debian's Python, which has graphite-web and whisper (`python3` on PATH may be another one). */
const SYSTEM_PYTHON = '/usr/bin/python3';

/** One whisper series: dotted metric path and `[epochSeconds, value | null]` points. */
export interface WhisperSeries {
  path: string;
  points: [number, number | null][];
}

/** A running graphite-web. */
export type GraphiteServer = DaemonServer;

// Reads [{path, points}] as JSON on stdin and writes one whisper file per series (archive: step seconds × days).
const WRITE_WHISPER = `
import json, os, sys, whisper
root, step, days = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for s in json.load(sys.stdin):
    f = os.path.join(root, *s['path'].split('.')) + '.wsp'
    os.makedirs(os.path.dirname(f), exist_ok=True)
    whisper.create(f, [(step, days * 86400 // step)], xFilesFactor=0)
    whisper.update_many(f, [(t, v) for t, v in s['points'] if v is not None])
`;

function settingsModule(dir: string): string {
  const q = (p: string) => JSON.stringify(p);
  return [
    '# Written by test/support/graphite.ts for one test run.',
    "SECRET_KEY = 'canary-judge-test'",
    `STORAGE_DIR = ${q(dir)}`,
    `WHISPER_DIR = ${q(join(dir, 'whisper'))}`,
    `STANDARD_DIRS = [${q(join(dir, 'whisper'))}]`,
    `LOG_DIR = ${q(join(dir, 'log'))}`,
    `INDEX_FILE = ${q(join(dir, 'index'))}`,
    'CARBONLINK_HOSTS = []',
    'LOG_RENDERING_PERFORMANCE = False',
    'LOG_CACHE_PERFORMANCE = False',
    "DATABASES = {'default': {'NAME': " + q(join(dir, 'graphite.db')) + ", 'ENGINE': 'django.db.backends.sqlite3'}}",
    '',
  ].join('\n');
}

/**
 * Writes `series` as whisper files (one archive of `stepSeconds` resolution keeping `retentionDays`) under
 * `workDir/whisper`, then starts graphite-web on a free loopback port over them. Resolves when `/render` answers.
 * Edge cases: `null` points are not written, so Graphite answers them as gaps; points older than the retention are
 * dropped by whisper.
 * @throws Error with whisper's or graphite-web's output when either fails.
 */
export async function startGraphiteWithData(
  workDir: string,
  series: readonly WhisperSeries[],
  stepSeconds = 60,
  retentionDays = 7,
): Promise<GraphiteServer> {
  const whisperDir = workSubdir(workDir, 'whisper');
  workSubdir(workDir, 'log');
  await writeWhisper(whisperDir, series, stepSeconds, retentionDays);
  writeFileSync(join(workDir, 'canary_judge_graphite_settings.py'), settingsModule(workDir));
  return startDaemon({
    name: 'graphite-web',
    launch: (port) =>
      startProcess(
        'graphite-manage',
        ['runserver', `127.0.0.1:${port}`, '--noreload'],
        {
          PYTHONPATH: workDir,
          GRAPHITE_SETTINGS_MODULE: 'canary_judge_graphite_settings',
          PYTHONDONTWRITEBYTECODE: '1',
        },
        workDir,
      ),
    ready: async (baseUrl) => (await fetch(`${baseUrl}/render?target=canary.judge.probe&format=json`)).status === 200,
    timeoutMs: 60_000,
    intervalMs: 250,
  });
}

/**
 * Writes whisper files with Debian's Python (see {@link startGraphiteWithData}).
 * @throws Error with Python's output when it fails
 */
export async function writeWhisper(
  whisperDir: string,
  series: readonly WhisperSeries[],
  stepSeconds: number,
  retentionDays: number,
): Promise<void> {
  try {
    const child = run(SYSTEM_PYTHON, ['-c', WRITE_WHISPER, whisperDir, String(stepSeconds), String(retentionDays)]);
    child.child.stdin?.end(JSON.stringify(series));
    await child;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`writing whisper files failed: ${e.message}\n${e.stderr ?? ''}`);
  }
}
