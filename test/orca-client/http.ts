/**
 * The HTTP transport of the Orca-shaped client: one request with Orca's timeouts, a byte count of the answer, and
 * network errors classified the way Orca's retry rules need them (`docs/design/orca-webhook-contract.md` §2.1, §2.3,
 * §2.5).
 */
import { request as httpRequest, STATUS_CODES } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A completed HTTP exchange. */
export interface HttpResponse {
  status: number;
  /** Header name (lower case) → values. */
  headers: Record<string, string[]>;
  bodyText: string;
  /** Header plus body size in bytes (what `maxResponseBytes` caps). */
  bytes: number;
}

/** Network failure kinds that matter to Orca's retry rules. */
export type NetworkErrorKind = 'unknown-host' | 'socket-timeout' | 'connection-refused' | 'other';

/** A request that got no HTTP answer. */
export class NetworkError extends Error {
  constructor(
    readonly kind: NetworkErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Request settings (defaults: kork's 5 s connect, 120 s read). */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string[]>;
  body?: Buffer;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
}

/**
 * Sends one request (no redirects followed) and reads the whole answer.
 *
 * Edge cases: ENOTFOUND/EAI_AGAIN → `unknown-host`; no connection within `connectTimeoutMs` or no byte within
 * `readTimeoutMs` → `socket-timeout`; ECONNREFUSED → `connection-refused`; anything else → `other`.
 * @throws NetworkError when no HTTP answer arrives.
 */
export function send(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const doRequest = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = { ...req.headers };
    if (req.body !== undefined) headers['Content-Length'] = String(req.body.length);
    const client = doRequest(url, { method: req.method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => reject(classify(error)));
      res.on('end', () => {
        clearTimeout(connectTimer);
        const body = Buffer.concat(chunks);
        const out: Record<string, string[]> = {};
        let headerBytes = 0;
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          const name = (res.rawHeaders[i] ?? '').toLowerCase();
          const value = res.rawHeaders[i + 1] ?? '';
          headerBytes += name.length + value.length + 4;
          (out[name] ??= []).push(value);
        }
        resolve({
          status: res.statusCode ?? 0,
          headers: out,
          bodyText: body.toString('utf8'),
          bytes: headerBytes + body.length,
        });
      });
    });
    const connectTimer = setTimeout(() => {
      client.destroy(new NetworkError('socket-timeout', `connect timeout after ${req.connectTimeoutMs ?? 5000} ms`));
    }, req.connectTimeoutMs ?? 5000);
    client.on('socket', (socket) => {
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    client.setTimeout(req.readTimeoutMs ?? 120_000, () => {
      client.destroy(new NetworkError('socket-timeout', `read timeout after ${req.readTimeoutMs ?? 120_000} ms`));
    });
    client.on('error', (error) => {
      clearTimeout(connectTimer);
      reject(classify(error));
    });
    if (req.body !== undefined) client.write(req.body);
    client.end();
  });
}

function classify(error: unknown): NetworkError {
  if (error instanceof NetworkError) return error;
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkError('unknown-host', message);
  if (code === 'ECONNREFUSED') return new NetworkError('connection-refused', message);
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return new NetworkError('socket-timeout', message);
  return new NetworkError('other', message);
}

/**
 * Spring's `HttpStatus` enum name for a code (e.g. 201 → `CREATED`), which Orca stores as `webhook.statusCode`.
 * Edge case: unknown codes give the number as a string.
 */
export function statusName(code: number): string {
  const text = STATUS_CODES[code];
  if (text === undefined) return String(code);
  return text
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
