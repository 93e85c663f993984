/**
 * Answers to protocol-level errors — requests Node's HTTP parser refuses before any route sees them (a bad request
 * line, an unknown method, raw non-ASCII bytes in the path, headers over the size limit, a request or its body that
 * did not arrive within the timeouts) — in the service's one error shape with `error.code`, instead of Node's or
 * Fastify's default body. Node emits these as the server's `clientError` event (Fastify's `clientErrorHandler`
 * option); see https://nodejs.org/api/http.html#event-clienterror. The connection is always closed afterwards.
 */
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { errorBody } from './error-body';

/** What a protocol error is answered with: HTTP status, the error code and message, and the field at fault. */
export interface ProtocolErrorAnswer {
  statusCode: number;
  code: string;
  message: string;
  field: string | null;
}

/**
 * Maps a parser or timeout error (`err.code` from Node's llhttp parser, e.g. `HPE_INVALID_METHOD`, or
 * `ERR_HTTP_REQUEST_TIMEOUT`) to its answer. Unknown codes are a generic 400 `BAD_REQUEST`.
 * @param code the error's `code`
 * @param limits the timeouts in force, ms (quoted in the 408 message)
 */
export function protocolErrorAnswer(
  code: string | undefined,
  limits: { headersTimeoutMs?: number; requestTimeoutMs?: number } = {},
): ProtocolErrorAnswer {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT': {
      const h = limits.headersTimeoutMs === undefined ? '' : ` headers within ${limits.headersTimeoutMs} ms,`;
      const r = limits.requestTimeoutMs === undefined ? '' : ` the whole request within ${limits.requestTimeoutMs} ms`;
      return {
        statusCode: 408,
        code: 'REQUEST_TIMEOUT',
        message: `the request did not arrive in time (${`${h}${r}`.trim().replace(/,$/, '') || 'timeout'}); the connection is closed`,
        field: null,
      };
    }
    case 'HPE_HEADER_OVERFLOW':
      return {
        statusCode: 431,
        code: 'HEADERS_TOO_LARGE',
        message: 'the request headers exceed the size limit',
        field: '(headers)',
      };
    case 'HPE_INVALID_METHOD':
      return {
        statusCode: 400,
        code: 'UNKNOWN_METHOD',
        message: 'the request method is not an HTTP method; use GET, PUT or POST',
        field: 'method',
      };
    case 'HPE_INVALID_URL':
      return {
        statusCode: 400,
        code: 'BAD_URL',
        message: 'the request target is not a valid URL path (non-ASCII bytes must be percent-encoded)',
        field: 'path',
      };
    case 'HPE_INVALID_VERSION':
      return { statusCode: 400, code: 'BAD_REQUEST', message: 'the HTTP version is not valid', field: null };
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return { statusCode: 400, code: 'BAD_HEADER', message: 'a request header is not valid HTTP', field: '(headers)' };
    case 'HPE_INVALID_CHUNK_SIZE':
      return { statusCode: 400, code: 'BAD_BODY', message: 'the chunked body is not valid HTTP', field: '(body)' };
    default:
      return {
        statusCode: 400,
        code: 'BAD_REQUEST',
        message: 'the request is not valid HTTP/1.1 (request line, headers or framing)',
        field: null,
      };
  }
}

/**
 * The raw HTTP/1.1 response for a protocol error: the JSON error body, `Connection: close`.
 * @param answer from {@link protocolErrorAnswer}
 */
export function protocolErrorResponse(answer: ProtocolErrorAnswer): string {
  const body = JSON.stringify(errorBody(answer.code, answer.message, answer.field, undefined, [], answer.statusCode));
  return (
    `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'X-Content-Type-Options: nosniff\r\n' +
    'Connection: close\r\n\r\n' +
    body
  );
}

/** The slice of a socket the handler touches (a `net.Socket` or `tls.TLSSocket`). */
type ClientSocket = Duplex & { _httpMessage?: { headersSent?: boolean } | null };

/**
 * Builds the `clientError` handler: answers in the service's error shape when nothing has been written to the
 * connection yet (as Node itself does: never corrupt a response in flight), then closes the connection; a reset or
 * already destroyed socket is left alone.
 * @param limits the timeouts in force (quoted in the 408 message)
 * @param onError told about every handled error (logs, metrics)
 */
export function createClientErrorHandler(
  limits: { headersTimeoutMs?: number; requestTimeoutMs?: number },
  onError: (answer: ProtocolErrorAnswer, err: Error & { code?: string }) => void = () => undefined,
): (err: Error & { code?: string }, socket: Duplex) => void {
  return (err, rawSocket) => {
    const socket = rawSocket as ClientSocket;
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const answer = protocolErrorAnswer(err.code, limits);
    onError(answer, err);
    const inFlight = socket._httpMessage;
    if (socket.writable && (!inFlight || !inFlight.headersSent)) {
      socket.end(protocolErrorResponse(answer));
      // Stop reading (a stalled body must not hold the connection); destroy once the answer is flushed.
      socket.once('finish', () => socket.destroy());
      setTimeout(() => socket.destroy(), 1000).unref();
    } else {
      socket.destroy();
    }
  };
}
