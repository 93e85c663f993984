/**
 * Raw TCP clients for protocol-level tests: send exactly the bytes given (half a request, a malformed request
 * line, raw non-ASCII bytes…), keep what the server answers and note when the server closed the connection.
 * Every socket is destroyed by {@link RawConnection.destroy} or after its own safety timeout, so none outlives a
 * test.
 */
import { connect, type Socket } from 'node:net';

/** One raw connection. */
export interface RawConnection {
  readonly socket: Socket;
  /** Everything the server sent so far (latin1, so any byte survives). */
  received(): string;
  /** Resolves once the connection is closed (by either side), with the wall time (`Date.now()`) of the close. */
  readonly closed: Promise<number>;
  /** Whether the server closed it (rather than this client or the safety timeout). */
  closedByServer(): boolean;
  /** Sends more bytes (ignored once closed). */
  write(data: string | Buffer): void;
  /** Closes it from this side (idempotent). */
  destroy(): void;
}

/** Options of {@link openRaw}. */
export interface RawOptions {
  /** Local address to connect from (e.g. `127.0.0.2`, another loopback address, to look like another client). */
  localAddress?: string;
  /** Destroy the socket after this many ms whatever happens (default 120 000). */
  safetyMs?: number;
}

/**
 * Connects to 127.0.0.1:`port` and sends `data` once connected.
 * @returns the connection (its `closed` promise never rejects)
 */
export function openRaw(port: number, data: string | Buffer, options: RawOptions = {}): RawConnection {
  const socket = connect({
    port,
    host: '127.0.0.1',
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
  });
  let text = '';
  let byServer = false;
  let mine = false;
  socket.on('connect', () => socket.write(data));
  socket.on('data', (d: Buffer) => {
    if (text.length < 64 * 1024) text += d.toString('latin1');
  });
  socket.on('end', () => {
    if (!mine) byServer = true;
  });
  socket.on('error', (e: NodeJS.ErrnoException) => {
    if (!mine && (e.code === 'ECONNRESET' || e.code === 'EPIPE')) byServer = true;
  });
  const safety = setTimeout(() => {
    mine = true;
    socket.destroy();
  }, options.safetyMs ?? 120_000);
  safety.unref();
  const closed = new Promise<number>((resolve) =>
    socket.once('close', () => {
      clearTimeout(safety);
      resolve(Date.now());
    }),
  );
  return {
    socket,
    received: () => text,
    closed,
    closedByServer: () => byServer,
    write(more) {
      if (!socket.destroyed && socket.writable) socket.write(more);
    },
    destroy() {
      mine = true;
      socket.destroy();
    },
  };
}

/** The status code of the first response in `raw` (e.g. 401), or null when no status line arrived. */
export function statusOf(raw: string): number | null {
  const m = /^HTTP\/1\.1 (\d{3}) /.exec(raw);
  return m ? Number(m[1]) : null;
}

/** The JSON body of the first response in `raw` (by its Content-Length), or null. */
export function jsonBodyOf(raw: string): Record<string, unknown> | null {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const head = raw.slice(0, split);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  const body = raw.slice(split + 4, length ? split + 4 + Number(length[1]) : undefined);
  try {
    return JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The value of response header `name` in the first response of `raw` (case-insensitive), or null. */
export function headerOf(raw: string, name: string): string | null {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const m = new RegExp(`\\r\\n${name}: *([^\\r\\n]*)`, 'i').exec(head);
  return m ? (m[1] ?? '') : null;
}
