/**
 * The `canary-judge` command: `canary-judge judge [--format json|table] [--jsonl] [FILE|-]`.
 * `bin/canary-judge.mjs` calls {@link main} with the process's arguments and streams.
 */
import { createReadStream } from 'node:fs';
import { parseCommand, USAGE, UsageError, type Command } from './args';
import { CliInputError } from './input-error';
import { checkInputFile, readAll, readInputFile, write, type CliIo } from './io';
import { judgeText, libraryJudge, strictRuleWarnings, type JudgeFn } from './judge-text';
import { readLines } from './lines';
import { formatTable } from './table';

export type { CliIo } from './io';

/** Exit codes: judged, internal error, bad input or usage. */
export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

/** Optional replacements for tests. */
export interface CliDeps {
  judge?: JudgeFn;
}

/**
 * Run the CLI.
 *
 * @param argv - arguments after the script name
 * @param io - standard streams
 * @param deps - test seams (default: the library's judge)
 * @returns the exit code: 0 judged (any verdict), 2 bad input or usage (message on stderr), 1 internal error
 */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const judge = deps.judge ?? libraryJudge;
  let command: Command;
  try {
    command = parseCommand(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    await write(io.stderr, `canary-judge: ${e.message}\nTry "canary-judge --help".\n`);
    return EXIT.input;
  }
  if (command.kind === 'help') {
    await write(io.stdout, USAGE);
    return EXIT.ok;
  }
  try {
    if (command.input === null && io.stdin.isTTY) {
      await write(io.stderr, 'canary-judge: no input: give a FILE or pipe a request to stdin\n');
      return EXIT.input;
    }
    if (command.jsonl) return await judgeLines(command.input, io, judge);
    const text = command.input === null ? await readAll(io.stdin) : await readInputFile(command.input);
    const { request, result } = judgeText(text, judge);
    for (const w of strictRuleWarnings(request)) {
      await write(
        io.stderr,
        `canary-judge: warning: ${w} (judged anyway, as Kayenta does; the judgment API refuses it)\n`,
      );
    }
    await write(
      io.stdout,
      command.format === 'table' ? formatTable(request, result) : `${JSON.stringify(result, null, 2)}\n`,
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CliInputError) {
      await write(io.stderr, `canary-judge: ${e.message}\n`);
      return EXIT.input;
    }
    await write(io.stderr, `canary-judge: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.internal;
  }
}

/**
 * `--jsonl`: judge each line in order, writing exactly one output line per input line, each carrying its `line`:
 * `{"line":N, …CanaryJudgeResult}`, or `{"line":N,"error":{"path","rule","message"}}` for a refused line (a blank
 * line too: never silence). Exit 2 at the end if any line was refused or the input was empty (1 if any line hit an
 * internal error).
 */
async function judgeLines(input: string | null, io: CliIo, judge: JudgeFn): Promise<number> {
  if (input !== null) await checkInputFile(input); // fail early, with exit 2, on a bad path
  const stream = input === null ? io.stdin : createReadStream(input, { encoding: 'utf8' });
  const lines = readLines(stream);
  let lineNo = 0;
  let refused = 0;
  let internal = 0;
  for await (const line of lines) {
    lineNo++;
    let out: unknown;
    try {
      out = { line: lineNo, ...judgeText(line, judge, true).result };
    } catch (e) {
      if (e instanceof CliInputError) {
        refused++;
        out = { line: lineNo, error: { path: e.path, rule: e.rule, message: `line ${lineNo}: ${e.message}` } };
      } else {
        internal++;
        const message = `line ${lineNo}: internal error: ${e instanceof Error ? e.message : String(e)}`;
        out = { line: lineNo, error: { path: '', rule: 'internal error', message } };
      }
    }
    await write(io.stdout, `${JSON.stringify(out)}\n`);
  }
  if (lineNo === 0) {
    await write(
      io.stderr,
      'canary-judge: the input is empty: --jsonl expects one RemoteJudge request (JSON) per line\n',
    );
    return EXIT.input;
  }
  if (refused + internal > 0) {
    await write(io.stderr, `canary-judge: ${refused + internal} of the input lines could not be judged\n`);
  }
  return internal > 0 ? EXIT.internal : refused > 0 ? EXIT.input : EXIT.ok;
}
