// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDeckDemo } from './serve';

let dir = '';
let app: FastifyInstance;
const routes: Array<{ url: string; config?: unknown }> = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cj-demo-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(join(dir, 'dist', 'index.js'), 'export const plugin = {};');
  writeFileSync(join(dir, 'dist', 'ReportView-Ab_1.js'), 'export default 1;');
  app = Fastify();
  app.addHook('onRoute', (r) => {
    routes.push({ url: r.url, config: r.config });
  });
  registerDeckDemo(app, { pluginDir: join(dir, 'dist') });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('registerDeckDemo', () => {
  it('serves the page, the host scripts, React 16 UMD and the built plugin with the right types', async () => {
    const page = await app.inject({ url: '/demo/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('./host.js');
    const react = await app.inject({ url: '/demo/vendor/react.js' });
    expect(react.headers['content-type']).toContain('application/javascript');
    expect(react.body).toContain('16.14.0');
    const plugin = await app.inject({ url: '/demo/plugin/index.js' });
    expect(plugin.body).toBe('export const plugin = {};');
    expect((await app.inject({ url: '/demo/plugin/ReportView-Ab_1.js' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/demo/host.js' })).headers['content-type']).toContain('javascript');
    expect((await app.inject({ url: '/demo' })).statusCode).toBe(302);
  });

  it.each([
    '/demo/plugin/..%2Fsecret.js',
    '/demo/plugin/x.mjs',
    '/demo/vendor/lodash.js',
    '/demo/serve.ts',
    '/demo/plugin/missing.js',
  ])('refuses %s with a JSON 404', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body).error.code).toBe('NOT_FOUND');
  });

  it('opts every demo route out of the service bearer-token check (config.auth false)', () => {
    const demo = routes.filter((r) => r.url.startsWith('/demo'));
    expect(demo.length).toBeGreaterThanOrEqual(5);
    expect(demo.every((r) => (r.config as { auth?: boolean } | undefined)?.auth === false)).toBe(true);
  });
});
