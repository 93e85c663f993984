/**
 * The scaffold of the recording test servers (./stub-server, ./fault-proxy): an HTTP server on 127.0.0.1 that reads
 * each request's body in full, records the request, and hands it to a handler the test can replace while the server
 * runs.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenOnLoopback, type LoopbackListener } from './ports';

/** What every record starts from: the request line and headers. */
export interface RequestHead {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** One whole request as the scaffold hands it on. */
export interface WholeRequest<R, H> {
  /** Its whole body. */
  body: Buffer;
  /** Its record, already in {@link RecordingServer.requests}. */
  record: R;
  /** Its position in {@link RecordingServer.requests} (0 for the first). */
  index: number;
  /** The handler current when the body had arrived. */
  handler: H;
  res: ServerResponse;
}

/** A running recording server. */
export interface RecordingServer<R, H> extends LoopbackListener {
  /** Every request received so far, in order of arrival. */
  readonly requests: R[];
  /** Replaces the handler for the requests that arrive from now on. */
  setHandler(next: H): void;
}

/**
 * Starts a recording server on a free loopback port.
 * @param what names the server in errors (e.g. `stub server`)
 * @param handler the first handler (the test's, or a default)
 * @param record builds the record of a request from its head and its whole body
 * @param answer answers the request (and may complete its record)
 */
export async function startRecordingServer<R, H>(
  what: string,
  handler: H,
  record: (head: RequestHead, body: Buffer) => R,
  answer: (request: WholeRequest<R, H>) => void,
): Promise<RecordingServer<R, H>> {
  let current = handler;
  const requests: R[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const entry = record({ method: req.method ?? '', url: req.url ?? '', headers: req.headers }, body);
      requests.push(entry);
      answer({ body, record: entry, index: requests.length - 1, handler: current, res });
    });
  });
  const listener = await listenOnLoopback(server, what);
  return {
    ...listener,
    requests,
    setHandler: (next) => {
      current = next;
    },
  };
}
