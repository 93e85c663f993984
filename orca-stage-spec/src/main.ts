/**
 * The judge service process: `node orca-stage-spec/dist/main.js [--config <file>]` once built (`npm run build`;
 * `npm run start:prod`), or `node --conditions=development --import tsx orca-stage-spec/src/main.ts` from the
 * sources. `npm start` runs the demo launcher (`scripts/start-demo.ts`), which calls {@link main} with a hook that adds
 * the Deck plugin's demo page: the service itself never imports the plugin. Reads the configuration (see `config.ts` / `--help`), listens (127.0.0.1:8095 by default), prints its URLs
 * and stops cleanly on SIGINT (Ctrl-C) or SIGTERM: no new evaluations are claimed, those in flight get
 * `shutdown.graceSeconds` to finish, the leases still held are released for the other replicas, then it exits 0. Exit codes: 0 normal stop or `--help`, 2 bad arguments or
 * configuration, 1 failure to start. An unreachable PostgreSQL is not a failure to start: the service answers 503
 * until it can connect (see `store/postgres.ts`).
 */
import { createServer } from 'node:net';
import { ConfigError, HELP_TEXT, loadConfig, type ServiceConfig } from './config';
import { createService, type RunningService } from './server';

/** Extension points for a launcher that runs the service with extra routes (the demo page of `npm start`). */
export interface MainHooks {
  /** Called with the assembled service before it listens (add routes here). */
  beforeListen?(svc: RunningService): void | Promise<void>;
  /** Extra lines printed after the service's URLs (`{base}` is replaced by the public base URL). */
  bannerLines?: string[];
}

/**
 * Runs the service until a stop signal.
 * @param argv command-line arguments after the script
 * @param env the environment to configure from (default `process.env`)
 * @param hooks extra routes and banner lines of a launcher (see {@link MainHooks})
 * @returns the process exit code
 */
export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  hooks: MainHooks = {},
): Promise<number> {
  let configFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP_TEXT);
      return 0;
    }
    if (a === '--config') {
      configFile = argv[++i];
      if (!configFile) {
        process.stderr.write('error: --config needs a file path\n');
        return 2;
      }
      continue;
    }
    process.stderr.write(`error: unknown argument ${JSON.stringify(a)} (see --help)\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env, configFile);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  config = await resolveAnyPort(config);
  let svc;
  try {
    svc = await createService(config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`configuration error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  await hooks.beforeListen?.(svc);
  let address: string;
  try {
    address = await svc.app.listen({ host: config.host, port: config.port });
  } catch (e) {
    process.stderr.write(`cannot listen on ${config.host}:${config.port}: ${(e as Error).message}\n`);
    await svc.close();
    return 1;
  }
  const base = config.publicBaseUrl;
  process.stdout.write(
    [
      `Canary Judge service listening on ${address} (public base ${base})`,
      `  judgments: PUT/GET ${base}/v1/judgments/{key}   cancel: POST …/{key}/cancel   report: GET …/{key}/report`,
      `  Kayenta RemoteJudge: POST ${base}/judge`,
      `  health: ${base}/healthz   ready: ${base}/readyz   metrics: ${base}/metrics`,
      `  database: ${config.store === 'postgres' ? 'PostgreSQL (CANARY_JUDGE_DATABASE_URL)' : config.database}   metric sources: ${Object.keys(config.metricSources).join(', ')}` +
        (config.clockSpeed !== 1 ? `   clock speed: ×${config.clockSpeed}` : '') +
        (config.token ? '   bearer token: required' : ''),
      ...(hooks.bannerLines ?? []).map((line) => line.replaceAll('{base}', base)),
      '  Ctrl-C to stop',
      '',
    ].join('\n'),
  );
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      svc.app.log.info({ signal, graceSeconds: config.shutdown.graceSeconds }, 'stopping');
      svc
        .close({ graceRealMs: config.shutdown.graceSeconds * 1000 })
        .then(() => resolve(0))
        .catch((e: unknown) => {
          process.stderr.write(`error while stopping: ${(e as Error).message}\n`);
          resolve(1);
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`fatal: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}

/**
 * With `PORT=0` ("any free port") and no explicit public base URL, the derived base URL would carry port 0 and every
 * `statusUrl`/`reportUrl` would be unusable. This picks a free loopback port up front (the OS's choice for port 0)
 * and puts it in both the listen port and the public base URL. Any other configuration is returned unchanged.
 * @param config the loaded configuration
 * @returns the configuration with a concrete port where port 0 was asked for
 */
async function resolveAnyPort(config: ServiceConfig): Promise<ServiceConfig> {
  if (config.port !== 0 || !/:0$/.test(config.publicBaseUrl)) return config;
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, config.host, () => {
      const address = probe.address();
      const chosen = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(chosen));
    });
  });
  return { ...config, port, publicBaseUrl: config.publicBaseUrl.replace(/:0$/, `:${port}`) };
}
