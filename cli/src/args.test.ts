import { describe, expect, it } from 'vitest';
import { parseCommand, UsageError } from './args';

describe('parseCommand', () => {
  it.each([
    [['judge', 'req.json'], { kind: 'judge', format: 'json', jsonl: false, input: 'req.json' }],
    [['judge', '-'], { kind: 'judge', format: 'json', jsonl: false, input: null }],
    [['judge'], { kind: 'judge', format: 'json', jsonl: false, input: null }],
    [['judge', '--format', 'table', 'r.json'], { kind: 'judge', format: 'table', jsonl: false, input: 'r.json' }],
    [['judge', '--format=json', '--jsonl'], { kind: 'judge', format: 'json', jsonl: true, input: null }],
    [['--help'], { kind: 'help' }],
    [['judge', '-h'], { kind: 'help' }],
  ])('%j', (argv, expected) => {
    expect(parseCommand(argv)).toEqual(expected);
  });

  it.each([
    [['judge', '--frobnicate'], "Unknown option '--frobnicate'"],
    [[], 'missing command (expected "judge")'],
    [['score'], 'unknown command "score" (expected "judge")'],
    [['judge', 'a.json', 'b.json'], 'expected at most one input file, got 2'],
    [['judge', '--format', 'yaml'], '--format must be "json" or "table", got "yaml"'],
    [['judge', '--jsonl', '--format', 'table'], '--jsonl writes JSON; it cannot be combined with --format table'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});
