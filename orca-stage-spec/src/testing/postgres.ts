/**
 * A throw-away PostgreSQL server for tests and benchmarks: Debian's PostgreSQL binaries
 * (`/usr/lib/postgresql/<version>/bin`, newest version found, or `$PG_BIN`), a fresh cluster in a temporary
 * directory, listening on 127.0.0.1 on a free port with `trust` authentication for loopback only, its Unix socket in
 * the same directory. PostgreSQL refuses to run as root, so when the current user is root every binary runs as the
 * `postgres` OS user (`runuser -u postgres --`) and the directory is handed to that user.
 *
 * Durability is switched off (`fsync=off`, `synchronous_commit=off`): the cluster lives for one test file.
 * An `exit` hook stops a forgotten cluster (`pg_ctl stop -m immediate`) so no server outlives the test process.
 *
 * Reference: https://www.postgresql.org/docs/15/app-initdb.html, https://www.postgresql.org/docs/15/app-pg-ctl.html
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running throw-away cluster. */
export interface TestPostgres {
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Temporary directory holding the cluster (`data/`), its log and socket. */
  readonly dir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` for `database` (default `postgres`). */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. `name` must match `[a-z_][a-z0-9_]*`. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (fast shutdown: clients are disconnected) but keeps the cluster; `start()` brings it back. */
  stop(): Promise<void>;
  /** Starts the (stopped) server again on the same port. */
  start(): Promise<void>;
  /** Stops the server and deletes the directory. Idempotent; never throws. */
  destroy(): Promise<void>;
  /** The last lines of the server log (for failure messages). */
  log(): string;
}

/** The directory of the newest installed PostgreSQL's binaries, or `$PG_BIN`. */
export function postgresBinDir(): string {
  const fromEnv = process.env['PG_BIN'];
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) throw new Error(`no PostgreSQL server found under ${root} (apt-get install postgresql)`);
  return join(root, newest, 'bin');
}

/**
 * A loopback TCP port that was free a moment ago: the system picks it for a listener that is closed at once, so
 * nothing listens on it afterwards (until someone binds it).
 *
 * @returns the port number; rejects when none could be had
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[]): string {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
}

function readLog(file: string): string {
  try {
    return execFileSync('tail', ['-n', '40', file], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

/**
 * Creates and starts a throw-away cluster (see the module comment). Takes 1–3 s.
 * @throws Error with the server log when initdb or the start fails
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'canary-judge-pg-'));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  let port = await freeLoopbackPort();
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(e as Error & { stderr?: string }).stderr ?? (e as Error).message}`);
  }
  const options = () =>
    [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
    ].join(' ');
  let running = false;
  const pgCtl = join(bin, 'pg_ctl');
  const start = async () => {
    try {
      run(pgCtl, ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options(), 'start']);
    } catch (e) {
      throw new Error(`PostgreSQL did not start: ${(e as Error).message}\n${readLog(logFile)}`);
    }
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    run(pgCtl, ['-D', data, '-w', '-m', 'fast', 'stop']);
    running = false;
  };
  const onExit = () => {
    if (!running) return;
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', 'stop']);
    } catch {
      // best effort at process exit
    }
  };
  process.on('exit', onExit);
  // The free port may be taken between the probe and the bind: try again on another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await start();
      break;
    } catch (e) {
      if (attempt < 3 && /could not bind|Address already in use/i.test((e as Error).message)) {
        port = await freeLoopbackPort();
        continue;
      }
      process.off('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
  const boundPort = port;
  const url = (database = 'postgres') => `postgres://postgres@127.0.0.1:${boundPort}/${database}`;
  let destroyed = false;
  return {
    port: boundPort,
    dir,
    url,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)} is not allowed`);
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        await stop();
      } catch {
        onExit();
      }
      process.off('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => readLog(logFile),
  };
}
