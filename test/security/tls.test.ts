/**
 * TLS and client certificates: the service started with `CANARY_JUDGE_TLS_CERT`/`_KEY` serves HTTPS only; with
 * `CANARY_JUDGE_TLS_CA` and `CANARY_JUDGE_TLS_CLIENT_AUTH=require` it also refuses clients without a certificate
 * signed by that CA (mTLS, for operators who keep tokens out of Orca's stage context). Certificates are made with
 * `openssl` at test time (a throw-away CA, a server certificate for 127.0.0.1, a client certificate, and a client
 * certificate from a second, untrusted CA).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, main, createService, type RunningService } from '@canary-judge/orca-stage-spec/testing';

let dir: string;
const services: RunningService[] = [];

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** Key + certificate signed by `ca` (or self-signed CA when `ca` is null). */
function makeCert(name: string, subject: string, ca: string | null, ext: string): void {
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`];
  if (ca === null) {
    openssl(['req', '-x509', ...ecKey, '-out', `${name}.crt`, '-days', '1', '-subj', subject]);
    return;
  }
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(['req', ...ecKey, '-out', `${name}.csr`, '-subj', subject]);
  openssl([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '1',
    '-extfile',
    `${name}.ext`,
  ]);
}

const file = (name: string) => join(dir, name);
const read = (name: string) => readFileSync(file(name));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'canary-judge-tls-'));
  makeCert('ca', '/CN=canary-judge-test-ca', null, '');
  makeCert('other-ca', '/CN=untrusted-ca', null, '');
  makeCert('server', '/CN=127.0.0.1', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  makeCert('client', '/CN=orca', 'ca', 'extendedKeyUsage=clientAuth\n');
  makeCert('rogue', '/CN=rogue', 'other-ca', 'extendedKeyUsage=clientAuth\n');
});

afterAll(async () => {
  for (const s of services) await s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<{ port: number }> {
  const config = loadConfig({
    CANARY_JUDGE_DB: ':memory:',
    LOG_LEVEL: 'silent',
    PORT: '0',
    CANARY_JUDGE_TLS_CERT: file('server.crt'),
    CANARY_JUDGE_TLS_KEY: file('server.key'),
    ...env,
  });
  const svc = await createService(config, { startScheduler: false });
  services.push(svc);
  await svc.app.listen({ host: '127.0.0.1', port: 0 });
  const address = svc.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  return { port: address.port };
}

/** GET over HTTPS; resolves with the status, or with `error: <code>` when the connection or handshake fails. */
function getHttps(port: number, path: string, opts: { cert?: string; key?: string } = {}): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        ca: read('ca.crt'),
        ...(opts.cert ? { cert: read(opts.cert) } : {}),
        ...(opts.key ? { key: read(opts.key) } : {}),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve(`error: ${e.code ?? e.message}`));
    req.end();
  });
}

function getPlain(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(`error: ${e.code ?? e.message}`));
    req.end();
  });
}

describe('TLS', () => {
  it('serves HTTPS with the configured certificate and https:// URLs, and nothing in plain HTTP', async () => {
    const { port } = await start({});
    expect(await getHttps(port, '/healthz')).toBe(200);
    expect(await getHttps(port, '/v1/judgments/none')).toBe(404);
    expect(await getPlain(port, '/healthz')).not.toBe(200);
    expect(loadConfig({ CANARY_JUDGE_TLS_CERT: 'c', CANARY_JUDGE_TLS_KEY: 'k', PORT: '1' }).publicBaseUrl).toBe(
      'https://127.0.0.1:1',
    );
  });

  it('with client authentication required, refuses clients without a certificate from the configured CA', async () => {
    const { port } = await start({ CANARY_JUDGE_TLS_CA: file('ca.crt'), CANARY_JUDGE_TLS_CLIENT_AUTH: 'require' });
    expect(await getHttps(port, '/healthz', { cert: 'client.crt', key: 'client.key' })).toBe(200);
    expect(await getHttps(port, '/healthz')).toMatch(/^error: /);
    expect(await getHttps(port, '/healthz', { cert: 'rogue.crt', key: 'rogue.key' })).toMatch(/^error: /);
  });

  it('refuses incomplete TLS settings at start-up, naming the setting', () => {
    expect(() => loadConfig({ CANARY_JUDGE_TLS_CERT: file('server.crt') })).toThrow(/CANARY_JUDGE_TLS_KEY/);
    expect(() =>
      loadConfig({
        CANARY_JUDGE_TLS_CERT: file('server.crt'),
        CANARY_JUDGE_TLS_KEY: file('server.key'),
        CANARY_JUDGE_TLS_CLIENT_AUTH: 'require',
      }),
    ).toThrow(/CANARY_JUDGE_TLS_CA/);
    expect(() => loadConfig({ CANARY_JUDGE_TLS_CLIENT_AUTH: 'maybe' })).toThrow(/CANARY_JUDGE_TLS_CLIENT_AUTH/);
  });

  it('exits with code 2 naming the setting when a certificate file cannot be read', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const code = await main([], {
        CANARY_JUDGE_DB: ':memory:',
        LOG_LEVEL: 'silent',
        PORT: '0',
        CANARY_JUDGE_TLS_CERT: file('missing.crt'),
        CANARY_JUDGE_TLS_KEY: file('server.key'),
      });
      expect(code).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(written.join('')).toMatch(/configuration error: CANARY_JUDGE_TLS_CERT: cannot read .*missing\.crt/);
  });
});
