/**
 * The lines of a text stream for `--jsonl`, split exactly where `node:readline` (with `crlfDelay: Infinity`) splits
 * them, without its regular expression over every chunk: a request line of several megabytes is searched with
 * `indexOf` for `\n` and `\r` instead.
 */
import { StringDecoder } from 'node:string_decoder';

/**
 * Splits `text` at `\n`, `\r\n` and a lone `\r` (readline's line endings).
 *
 * @returns the complete lines, and the text after the last line ending
 */
function splitLines(text: string): { lines: string[]; rest: string } {
  const lines: string[] = [];
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    lines.push(text.slice(start, end));
    start = end + (end === cr && lf === cr + 1 ? 2 : 1);
    if (lf >= 0 && lf < start) lf = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
  }
  return { lines, rest: text.slice(start) };
}

/**
 * The lines of a stream, as `readline.createInterface({ input, crlfDelay: Infinity })` yields them: endings `\n`,
 * `\r\n` (also when a chunk ends between the two) and a lone `\r`; empty lines kept; a last line without an ending
 * yielded when it is not empty; bytes decoded as UTF-8 across chunk boundaries. Reads the next chunk only when the
 * lines of the previous one are consumed.
 *
 * Reference: Node.js `lib/internal/readline/interface.js` (`kNormalWrite`, `onend`).
 *
 * @param stream - a readable stream of strings or bytes (UTF-8)
 * @yields each line, without its ending
 * @example for await (const line of readLines(process.stdin)) console.log(line);
 */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let afterReturn = false; // the previous chunk with a line ending ended with \r
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (afterReturn) {
      if (text.charCodeAt(0) === 10) text = text.slice(1);
      afterReturn = false;
    }
    if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      pending += text;
      continue;
    }
    const whole = pending + text;
    afterReturn = whole.endsWith('\r');
    const { lines, rest } = splitLines(whole);
    pending = rest;
    for (const line of lines) yield line;
  }
  if (pending.length > 0) yield pending;
}
