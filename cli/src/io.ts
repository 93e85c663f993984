/**
 * The streams the CLI talks to, and small helpers to read all of a stream and write with back-pressure.
 */
import { open, readFile } from 'node:fs/promises';
import { CliInputError } from './input-error';

/** Standard streams (process.stdin/stdout/stderr in the binary; in-memory streams in tests). */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * Write text, waiting for `drain` when the stream's buffer is full (so large JSONL outputs stay bounded in memory).
 *
 * @param stream - destination
 * @param text - text to write
 */
export async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

/**
 * Read a whole stream as UTF-8 text.
 *
 * @param stream - source (e.g. stdin)
 * @returns its content
 */
export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Read an input file as UTF-8, turning file-system errors into input errors (exit 2).
 *
 * @param file - path of the file
 * @returns its content
 * @throws {CliInputError} `cannot read <file>: <reason>` when it is missing, a directory or unreadable
 */
export async function readInputFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw fileError(file, e);
  }
}

/**
 * Check that an input file can be opened for reading, without reading it (for streamed `--jsonl` input).
 *
 * @param file - path of the file
 * @throws {CliInputError} `cannot read <file>: <reason>` when it is missing or unreadable
 */
export async function checkInputFile(file: string): Promise<void> {
  try {
    const handle = await open(file, 'r');
    const stats = await handle.stat();
    await handle.close();
    if (stats.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (e) {
    throw fileError(file, e);
  }
}

function fileError(file: string, e: unknown): CliInputError {
  const code = (e as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory',
    EACCES: 'permission denied',
  };
  const reason = (code && reasons[code]) ?? (e instanceof Error ? e.message : String(e));
  return new CliInputError('', `cannot read ${file}: ${reason}`);
}
