/**
 * A recording HTTP proxy on 127.0.0.1 that can inject faults between a client and a real server (e.g. forward a PUT
 * but answer the client 503, as if the response was lost) — for conformance tests of retry and idempotency rules.
 */
import { request, type IncomingHttpHeaders } from 'node:http';
import { startRecordingServer } from './recording-server';

/** A request that reached the proxy, with what the upstream answered (if forwarded). */
export interface ProxiedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Upstream status, or undefined when the proxy answered by itself. */
  upstreamStatus?: number;
  /** Upstream body text, when forwarded. */
  upstreamBody?: string;
  /** Status the client got. */
  clientStatus: number;
}

/** What to do with one request: forward it, forward it but tell the client `replaceStatus`, or answer directly. */
export type FaultDecision =
  | { action: 'forward' }
  | { action: 'forward-then-replace'; status: number; body: string }
  | { action: 'answer'; status: number; body: string };

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly requests: ProxiedRequest[];
  /** Sets the fault policy (default: forward everything). */
  setPolicy(policy: (req: { method: string; url: string; index: number }) => FaultDecision): void;
  close(): Promise<void>;
}

/**
 * Starts a proxy in front of `targetBaseUrl` (http only). Hop-by-hop headers are not rewritten; `host` is replaced.
 * Edge case: an upstream connection error answers the client 502 (recorded with no upstream status).
 */
export async function startFaultProxy(targetBaseUrl: string): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  type Policy = (req: { method: string; url: string; index: number }) => FaultDecision;
  const forwardAll: Policy = () => ({ action: 'forward' });
  const server = await startRecordingServer(
    'fault proxy',
    forwardAll,
    (head, body): ProxiedRequest => ({ ...head, body: body.toString('utf8'), clientStatus: 0 }),
    ({ body, record, index, handler: policy, res }) => {
      const decision = policy({ method: record.method, url: record.url, index });
      if (decision.action === 'answer') {
        record.clientStatus = decision.status;
        res.writeHead(decision.status, { 'content-type': 'text/plain' });
        res.end(decision.body);
        return;
      }
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: record.method,
          path: record.url,
          headers: { ...record.headers, host: target.host },
        },
        (up) => {
          const upChunks: Buffer[] = [];
          up.on('data', (c: Buffer) => upChunks.push(c));
          up.on('end', () => {
            record.upstreamStatus = up.statusCode;
            record.upstreamBody = Buffer.concat(upChunks).toString('utf8');
            if (decision.action === 'forward-then-replace') {
              record.clientStatus = decision.status;
              res.writeHead(decision.status, { 'content-type': 'text/plain' });
              res.end(decision.body);
            } else {
              record.clientStatus = up.statusCode ?? 502;
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(Buffer.concat(upChunks));
            }
          });
        },
      );
      upstream.on('error', (error) => {
        record.clientStatus = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: upstream error ${error.message}`);
      });
      upstream.end(body);
    },
  );
  const { setHandler, ...rest } = server;
  return { ...rest, setPolicy: setHandler };
}
