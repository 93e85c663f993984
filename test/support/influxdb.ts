/**
 * A real InfluxDB 1.x for integration tests: Debian's `influxd` with a config file of its own (data, meta and WAL
 * directories under the test's work directory; HTTP and RPC on free loopback ports; authentication on; no usage
 * reporting, self-monitoring or other listeners), an admin user and a database created through the HTTP API, and
 * the test's points written with the line protocol (`POST /write`). Needs Debian's `influxdb` (installed by
 * `.ci/run`). Reference: https://docs.influxdata.com/influxdb/v1/tools/api/
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon, type DaemonServer } from './daemon';
import { freePort } from './ports';
import { startProcess } from './process';

/** What to create in the new InfluxDB. */
export interface InfluxSetup {
  /** Database to create and write into. */
  database: string;
  /** Admin user created first (InfluxDB allows creating the first admin without credentials). */
  username: string;
  password: string;
  /** Line-protocol lines, timestamps in seconds (`precision=s`). */
  lines: readonly string[];
}

/** A running InfluxDB. */
export type InfluxServer = DaemonServer;

/**
 * Escapes a tag value or measurement for the line protocol (comma, space, equals sign).
 * Reference: https://docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference/#special-characters
 */
export function lineProtocolEscape(value: string): string {
  return value.replace(/([,= ])/g, '\\$1');
}

function config(dir: string, httpPort: number, rpcPort: number): string {
  return [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpcPort}"`,
    '[meta]',
    `  dir = ${JSON.stringify(join(dir, 'meta'))}`,
    '  logging-enabled = false',
    '[data]',
    `  dir = ${JSON.stringify(join(dir, 'data'))}`,
    `  wal-dir = ${JSON.stringify(join(dir, 'wal'))}`,
    '  query-log-enabled = false',
    '[monitor]',
    '  store-enabled = false',
    '[http]',
    `  bind-address = "127.0.0.1:${httpPort}"`,
    '  auth-enabled = true',
    '  log-enabled = false',
    '[continuous_queries]',
    '  enabled = false',
    '[subscriber]',
    '  enabled = false',
    '',
  ].join('\n');
}

async function post(url: string, body: string, auth?: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    body,
  });
  const text = await res.text();
  if (res.status >= 300 || /"error"/.test(text)) throw new Error(`POST ${url}: HTTP ${res.status} ${text}`);
}

/**
 * Starts InfluxDB in `workDir`, creates the admin user and the database, and writes `setup.lines`. Resolves when the
 * data is written.
 * @throws Error with InfluxDB's output when it does not start or refuses a step.
 */
export async function startInfluxWithData(workDir: string, setup: InfluxSetup): Promise<InfluxServer> {
  mkdirSync(workDir, { recursive: true });
  const rpcPort = await freePort();
  const configFile = join(workDir, 'influxdb.conf');
  return startDaemon({
    name: 'influxd',
    launch: (httpPort) => {
      writeFileSync(configFile, config(workDir, httpPort, rpcPort));
      return startProcess('influxd', ['-config', configFile]);
    },
    ready: async (baseUrl) => (await fetch(`${baseUrl}/ping`)).status === 204,
    timeoutMs: 60_000,
    intervalMs: 200,
    setUp: (baseUrl) => createAndWrite(baseUrl, setup),
  });
}

/**
 * Creates the admin user and the database of `setup` in a running InfluxDB and writes its lines.
 * @throws Error naming the refused step.
 */
async function createAndWrite(baseUrl: string, setup: InfluxSetup): Promise<void> {
  const q = (statement: string) => `q=${encodeURIComponent(statement)}`;
  const auth = `Basic ${Buffer.from(`${setup.username}:${setup.password}`).toString('base64')}`;
  const quoted = (s: string, quote: string) =>
    `${quote}${s.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
  await post(
    `${baseUrl}/query`,
    q(`CREATE USER ${quoted(setup.username, '"')} WITH PASSWORD ${quoted(setup.password, "'")} WITH ALL PRIVILEGES`),
  );
  await post(`${baseUrl}/query`, q(`CREATE DATABASE ${quoted(setup.database, '"')}`), auth);
  await post(
    `${baseUrl}/write?db=${encodeURIComponent(setup.database)}&precision=s`,
    `${setup.lines.join('\n')}\n`,
    auth,
  );
}
