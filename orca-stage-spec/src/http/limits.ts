/**
 * The HTTP server's timeouts and limits (config `http`): how long a request and its body may take to arrive, how
 * many connections one client address may hold, and how many requests the service works on at once before it
 * answers 429 with `Retry-After` instead of slowing every caller. Health and readiness probes and `/metrics` are
 * never shed. Node's server timeouts: https://nodejs.org/api/http.html#serverrequesttimeout and
 * https://nodejs.org/api/http.html#serverheaderstimeout.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Timeouts (ms) and limits of the HTTP server; 0 turns a limit off. */
export interface HttpLimits {
  /** Time for the request line and headers to arrive, ms (Node `headersTimeout`); then 408 and close. */
  headersTimeoutMs: number;
  /**
   * Time for the whole request — headers and body — to arrive, ms (Node `requestTimeout`); then 408 and close.
   * A body sent a few bytes at a time cannot hold a connection longer than this.
   */
  requestTimeoutMs: number;
  /** Idle time of a kept-alive connection between requests, ms (Node `keepAliveTimeout`). */
  keepAliveTimeoutMs: number;
  /**
   * Open connections per client address (0 = no cap). A connection beyond it gets one answer — 429
   * `TOO_MANY_CONNECTIONS` (probes: their normal answer) — as soon as its request headers arrive, and is closed; a
   * client that never finishes them is cut by `headersTimeoutMs`.
   */
  maxConnectionsPerClient: number;
  /** Requests being worked on at once (probes and `/metrics` not counted); beyond it 429 (0 = no limit). */
  maxInFlightRequests: number;
  /**
   * Event-loop delay, ms, beyond which requests (probes and `/metrics` not counted) get 429: the delay every caller
   * waits before its request is even read. With the SQLite store a request never waits on I/O, so the in-flight count
   * stays low while callers queue in the socket buffers; this is the signal that they do (0 = off, the default: a
   * CPU-starved node, or the first seconds after start, can lag briefly without being overloaded).
   */
  maxEventLoopDelayMs: number;
  /**
   * Due intervals waiting for evaluation beyond which new judgments (`PUT`/`POST` create) are answered 429: the
   * judgments already running come first (0 = no limit).
   */
  maxEvaluationBacklog: number;
  /** `Retry-After` of a 429, seconds. */
  retryAfterSeconds: number;
}

/** Defaults of {@link HttpLimits}. */
export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 72_000,
  maxConnectionsPerClient: 256,
  maxInFlightRequests: 512,
  maxEventLoopDelayMs: 0,
  maxEvaluationBacklog: 5_000,
  retryAfterSeconds: 1,
};

/**
 * Options for `http.createServer`/`https.createServer`: the headers and request timeouts, checked every
 * `connectionsCheckingInterval` (a tenth of the shorter timeout, 100 ms–1 s; Node's default of 30 s would let a
 * stalled request live up to 30 s past its timeout), and `requireHostHeader: false` so that a request without `Host`
 * reaches the service and gets its JSON error instead of Node's empty 400.
 */
export function nodeServerOptions(limits: HttpLimits): {
  headersTimeout: number;
  requestTimeout: number;
  connectionsCheckingInterval: number;
  requireHostHeader: boolean;
} {
  const timeouts = [limits.headersTimeoutMs, limits.requestTimeoutMs].filter((t) => t > 0);
  const shortest = timeouts.length > 0 ? Math.min(...timeouts) : 30_000;
  return {
    // Node requires headersTimeout ≤ requestTimeout when both are set.
    headersTimeout:
      limits.requestTimeoutMs > 0
        ? Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs)
        : limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(shortest / 10))),
    requireHostHeader: false,
  };
}

const overCap = new WeakSet<object>();

/**
 * Caps the open connections per client address: a connection beyond `max` is marked (see {@link isOverCap}) so
 * that its request is answered with a refusal and the connection closed — rather than dropped unanswered, which
 * Orca would take as a failed stage ("connection refused/reset" is not retried, `docs/design/orca-webhook-contract.md`
 * §3), while it retries a 429. Behind a proxy every caller shares the proxy's address: raise the cap or set 0.
 * @param server the listening HTTP(S) server
 * @param max connections per address (0 = no cap)
 * @param onRefused told about each connection over the cap
 * @returns the current count per address (for tests and metrics)
 */
export function capConnectionsPerClient(
  server: Server,
  max: number,
  onRefused: (address: string) => void = () => undefined,
): Map<string, number> {
  const open = new Map<string, number>();
  if (max <= 0) return open;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const n = open.get(address) ?? 0;
    if (n >= max) {
      onRefused(address);
      overCap.add(socket);
      return;
    }
    open.set(address, n + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return open;
}

/**
 * Whether a connection was accepted over its client's cap ({@link capConnectionsPerClient}).
 * @param socket the request's socket (`req.raw.socket`)
 */
export function isOverCap(socket: object | null | undefined): boolean {
  return socket != null && overCap.has(socket);
}

/**
 * Measures the event loop's delay: a timer every `periodMs` notes how late it fires; {@link EventLoopDelay.current}
 * is the larger of the last two readings (so one busy moment is not forgotten at once). The timer does not keep the
 * process alive.
 */
export class EventLoopDelay {
  private last = 0;
  private previous = 0;
  private readonly timer: NodeJS.Timeout;

  /** @param periodMs pause between readings, ms (default 50) */
  constructor(private readonly periodMs = 50) {
    let expected = performance.now() + periodMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.previous = this.last;
      this.last = Math.max(0, now - expected);
      expected = now + periodMs;
    }, periodMs);
    this.timer.unref();
  }

  /** The event-loop delay, ms (the larger of the last two readings). */
  get current(): number {
    return Math.max(this.last, this.previous);
  }

  /** Stops measuring. */
  stop(): void {
    clearInterval(this.timer);
  }
}

/** Counts requests in progress and says when a new one must be shed. */
export class InFlightCounter {
  private n = 0;

  /** @param max requests at once (0 = no limit) */
  constructor(private readonly max: number) {}

  /**
   * Admits one request.
   * @returns the function to call once when it ends, or null when the limit is reached (answer 429)
   */
  enter(): (() => void) | null {
    if (this.max > 0 && this.n >= this.max) return null;
    this.n++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.n--;
    };
  }

  /** Requests in progress. */
  get current(): number {
    return this.n;
  }
}
