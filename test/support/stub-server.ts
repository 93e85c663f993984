/**
 * A tiny scripted HTTP server on 127.0.0.1 for testing HTTP clients: every request is recorded and answered by a
 * test-supplied handler.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { startRecordingServer } from './recording-server';

/** A request as the stub saw it. */
export interface StubRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the handler answers: a status, optional headers and a body (objects are sent as JSON). */
export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A running stub server. */
export interface StubServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** Every request received so far, in order. */
  readonly requests: StubRequest[];
  /** Replaces the handler. */
  setHandler(handler: (req: StubRequest) => StubResponse | Promise<StubResponse>): void;
  close(): Promise<void>;
}

/**
 * Starts a stub server on a free loopback port. An object body is JSON-encoded with `application/json` unless the
 * handler sets `content-type`; a string body is sent as is (`text/plain` by default).
 * Edge case: a handler that throws answers 500 with the error text.
 */
export async function startStubServer(
  handler: (req: StubRequest) => StubResponse | Promise<StubResponse> = () => ({ status: 404 }),
): Promise<StubServer> {
  return startRecordingServer(
    'stub server',
    handler,
    (head, body): StubRequest => ({ ...head, body: body.toString('latin1') }),
    ({ record, handler: current, res }) => {
      Promise.resolve()
        .then(() => current(record))
        .then(
          (answer) => {
            const headers: Record<string, string> = { ...answer.headers };
            let text = '';
            if (typeof answer.body === 'string') {
              text = answer.body;
              headers['content-type'] ??= 'text/plain';
            } else if (answer.body !== undefined) {
              text = JSON.stringify(answer.body);
              headers['content-type'] ??= 'application/json';
            }
            res.writeHead(answer.status, headers);
            res.end(text);
          },
          (error: unknown) => {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(String(error));
          },
        );
    },
  );
}
