/**
 * Command-line parsing (`node:util` `parseArgs`, strict): the command, its options and the input.
 */
import { parseArgs } from 'node:util';

/** Usage text printed by `--help`. */
export const USAGE = `Usage: canary-judge judge [options] [FILE|-]

Judge a Kayenta RemoteJudge request {canaryConfig, metricSetPairList, scoreThresholds} read from FILE
(or stdin when FILE is "-" or absent) and print Kayenta's CanaryJudgeResult.

Options:
  --format json|table  output format: JSON (default) or a readable report
  --jsonl              read one request per line, write one output line per input line in order, each with
                       its "line"; a refused (or blank) line gives {"line":N,"error":{...}} and exit code 2
                       at the end
  -h, --help           show this help

Exit codes: 0 judged (whatever the verdict), 2 bad input or usage, 1 internal error.
`;

/** The long options, for suggestions. */
export const OPTIONS = ['--format', '--jsonl', '--help'] as const;

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

/**
 * The known option closest to a mistyped one (Levenshtein distance, case-insensitive, on the name without
 * `=value`), if it is close: at most 2 edits, or a prefix of it.
 *
 * @param typed - the unknown option as typed, e.g. `--fromat` or `--json`
 * @returns the suggestion, e.g. `--format`, or null
 * @example closestOption('--fromat') // '--format'
 */
export function closestOption(typed: string): string | null {
  const name = `--${typed.replace(/^-+/, '').split('=')[0]?.toLowerCase() ?? ''}`;
  let best: { option: string; d: number } | null = null;
  for (const option of OPTIONS) {
    const d = option.startsWith(name) && name.length > 3 ? 0 : editDistance(name, option);
    if (best === null || d < best.d) best = { option, d };
  }
  return best !== null && best.d <= 2 ? best.option : null;
}

/** Parsed command line. */
export type Command =
  | { kind: 'help' }
  | { kind: 'judge'; format: 'json' | 'table'; jsonl: boolean; input: string | null /* null = stdin */ };

/** A command line the CLI refuses (exit 2). */
export class UsageError extends Error {
  /**
   * @param message - what is wrong, e.g. `unknown option --foo`
   */
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Parse `argv` (without node and the script).
 *
 * @param argv - the arguments
 * @returns the command
 * @throws {UsageError} for an unknown command or option, a bad `--format`, extra arguments or `--jsonl` with
 *   `--format table`
 * @example parseCommand(['judge', '--format', 'table', 'req.json'])
 * // { kind: 'judge', format: 'table', jsonl: false, input: 'req.json' }
 */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        jsonl: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
    const guess = unknown === undefined ? null : closestOption(unknown);
    throw new UsageError(guess ? `${message}; did you mean ${guess}?` : message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError('missing command (expected "judge")');
  if (command !== 'judge') throw new UsageError(`unknown command "${command}" (expected "judge")`);
  if (rest.length > 1) throw new UsageError(`expected at most one input file, got ${rest.length}`);
  const format = values.format ?? 'json';
  if (format !== 'json' && format !== 'table') {
    throw new UsageError(`--format must be "json" or "table", got "${format}"`);
  }
  if (values.jsonl && format === 'table')
    throw new UsageError('--jsonl writes JSON; it cannot be combined with --format table');
  const file = rest[0];
  return { kind: 'judge', format, jsonl: values.jsonl, input: file === undefined || file === '-' ? null : file };
}
