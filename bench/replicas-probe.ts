/**
 * Measuring helpers of the load benchmarks (`replicas.ts`, `service-load.ts`): a cheap keep-alive HTTP client (one
 * `node:http` agent per service: no per-request connection, no WHATWG `fetch` objects, so the client's own CPU and
 * event loop disturb the figures as little as possible), CPU seconds of a process or of a PostgreSQL server with its
 * backends (Linux `/proc/<pid>/stat`, `utime + stime`; NaN elsewhere), latency quantiles and the machine's load.
 * Reference: https://man7.org/linux/man-pages/man5/proc_pid_stat.5.html (fields 14–15, clock ticks).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';

/** An answer of {@link KeepAliveClient}: status, the `Retry-After` header and the body text. */
export interface ProbeAnswer {
  status: number;
  retryAfter: string | undefined;
  body: string;
}

/** A keep-alive HTTP/1.1 client for one base URL. */
export interface KeepAliveClient {
  /** Sends a request; rejects only on a network failure (any HTTP status resolves). */
  send(method: string, path: string, body?: string): Promise<ProbeAnswer>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/**
 * A client for `base` (`http://host:port`) with kept-alive connections and no cap on them (one per request in
 * flight, reused afterwards), as each Orca instance keeps its own connections open.
 */
export function keepAliveClient(base: string): KeepAliveClient {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 4096 });
  return {
    send(method, path, body) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
        const req = request({ host: url.hostname, port: url.port, method, path, agent, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const retryAfter = res.headers['retry-after'];
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
              body:
                chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
            });
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: the fields after it start after the last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system, all threads) a process has used so far; NaN when it cannot be read. */
export function processCpuSeconds(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND : NaN;
}

/**
 * CPU seconds of a process and its live children (a PostgreSQL postmaster and its backends); children that have
 * exited are counted through the parent's `cutime`/`cstime` once reaped.
 */
export function processTreeCpuSeconds(pid: number): number {
  const own = statFields(pid);
  if (!own) return NaN;
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) / TICKS_PER_SECOND;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === pid) total += (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND;
  }
  return total;
}

/** The postmaster's pid of a PostgreSQL data directory (first line of `postmaster.pid`); NaN when not running. */
export function postmasterPid(dataDir: string): number {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return NaN;
  }
}

/** The value at quantile `q` (0–1) of ascending `sorted` (nearest rank); NaN when empty. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** The machine's 1-minute load average, as `uptime` prints it (other processes share the CPUs). */
export function loadAverage(): number {
  return loadavg()[0] ?? NaN;
}
