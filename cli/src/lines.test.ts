/**
 * `readLines` against `node:readline` (crlfDelay: Infinity) on random texts full of line endings, cut into random
 * chunks (strings, or bytes cut inside multi-byte characters).
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLines } from './lines';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** `text` cut at the given offsets (sorted, deduplicated), as strings or as UTF-8 byte chunks. */
function chunks(text: string, cuts: number[], bytes: boolean): (string | Buffer)[] {
  const whole: string | Buffer = bytes ? Buffer.from(text, 'utf8') : text;
  const at = [...new Set(cuts.map((c) => c % (whole.length + 1)))].sort((a, b) => a - b);
  const out: (string | Buffer)[] = [];
  let start = 0;
  for (const c of [...at, whole.length]) {
    out.push(whole.slice(start, c));
    start = c;
  }
  return out;
}

const piece = fc.constantFrom('\n', '\r', '\r\n', '\n\r', 'a', '{"x":1}', 'é', '€', '😀', ' ', '');
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));

describe('readLines splits exactly like node:readline', () => {
  it('on random texts and random chunkings, string or byte chunks', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), async (t, cuts, bytes) => {
        const parts = chunks(t, cuts, bytes);
        const expected = await collect(
          createInterface({ input: Readable.from(parts, { objectMode: true }), crlfDelay: Infinity }),
        );
        expect(await collect(readLines(Readable.from(parts, { objectMode: true })))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps empty lines, drops an empty last segment, treats \\r\\n split across chunks as one ending', async () => {
    expect(await collect(readLines(Readable.from(['a\n\nb\r', '\nc\rd\n'])))).toEqual(['a', '', 'b', 'c', 'd']);
    expect(await collect(readLines(Readable.from(['x'])))).toEqual(['x']);
    expect(await collect(readLines(Readable.from([])))).toEqual([]);
  });
});
