/**
 * Serves the demo host page under `/demo/` from a Fastify app (the judge service, or a test server): the page and
 * its two scripts, React 16.14 / ReactDOM / prop-types UMD builds as Deck's shared libraries, and the built plugin
 * (`build/dist`) under `/demo/plugin/`. Only fixed file names and `[name].js(.map)` chunk names are served, so no
 * request can read outside these folders. Same origin as the judge API, so the page needs no CORS.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Folder of the demo host files. */
export const DEMO_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Default folder of the built plugin (`npm run build -w deck-plugin`). */
export const DEFAULT_PLUGIN_DIR = fileURLToPath(new URL('../build/dist/', import.meta.url));

const require = createRequire(import.meta.url);

/** The vendor scripts: URL name → installed file. */
const VENDOR: Record<string, string> = {
  'react.js': 'react/umd/react.production.min.js',
  'react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  'prop-types.js': 'prop-types/prop-types.min.js',
};

const HOST_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'host.js': 'application/javascript; charset=utf-8',
  'coreStandIn.js': 'application/javascript; charset=utf-8',
};

/** Chunk names rollup writes (`index.js`, `ReportView-AbC123.js`, and their `.map`). */
const PLUGIN_FILE = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?\.js(\.map)?$/;

async function sendFile(reply: FastifyReply, path: string, type: string, missing: string): Promise<FastifyReply> {
  try {
    const body = await readFile(path);
    return reply.type(type).header('Cache-Control', 'no-store').send(body);
  } catch {
    return reply
      .code(404)
      .type('application/json')
      .send({ error: { code: 'NOT_FOUND', message: missing } });
  }
}

let building: Promise<void> | null = null;

/**
 * Builds the plugin into `dir` with the project's rollup config when `dir/index.js` is missing (once at a time),
 * so `npm start` serves a working demo without a separate build step. The first load then takes a few seconds.
 * @throws Error when rollup is not installed or the build fails
 */
export async function ensurePluginBuilt(dir: string): Promise<void> {
  try {
    await stat(join(dir, 'index.js'));
    return;
  } catch {
    // not built yet
  }
  building ??= (async () => {
    const { createConfig } = await import('../rollup.config.mjs');
    const { rollup } = await import('rollup');
    const config = createConfig({ outDir: dir });
    const bundle = await rollup({ ...config, onwarn: () => undefined });
    await bundle.write(config.output);
    await bundle.close();
  })().finally(() => {
    building = null;
  });
  await building;
}

/**
 * Route options: static demo files need no bearer token even when the service requires one for `/v1/*` (the
 * service's auth hook skips routes with `config.auth === false`); the page's API calls still need it.
 */
const OPEN = { config: { auth: false } };

/** Options: where the built plugin is. */
export interface DeckDemoOptions {
  pluginDir?: string;
  /** Build the plugin on the first request for `index.js` when it is missing (default true). */
  buildOnDemand?: boolean;
}

/**
 * Adds the `/demo/` routes to `app` (call before `listen`).
 * @param app the Fastify app of the judge service
 * @param options `pluginDir`: built plugin folder (default `deck-plugin/build/dist`)
 */
export function registerDeckDemo(app: FastifyInstance, options: DeckDemoOptions = {}): void {
  const pluginDir = options.pluginDir ?? DEFAULT_PLUGIN_DIR;
  app.get('/demo', OPEN, async (_req, reply) => reply.redirect('/demo/'));
  app.get('/demo/', OPEN, async (_req, reply) =>
    sendFile(reply, `${DEMO_DIR}index.html`, HOST_FILES['index.html'] as string, 'demo page missing'),
  );
  app.get<{ Params: { file: string } }>('/demo/:file', OPEN, async (req, reply) => {
    const type = HOST_FILES[req.params.file];
    if (!type)
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no demo file ${req.params.file}` } });
    return sendFile(reply, `${DEMO_DIR}${req.params.file}`, type, `demo file ${req.params.file} missing`);
  });
  app.get<{ Params: { file: string } }>('/demo/vendor/:file', OPEN, async (req, reply) => {
    const mod = VENDOR[req.params.file];
    if (!mod)
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no vendor file ${req.params.file}` } });
    return sendFile(reply, require.resolve(mod), 'application/javascript; charset=utf-8', `${mod} is not installed`);
  });
  app.get<{ Params: { file: string } }>('/demo/plugin/:file', OPEN, async (req, reply) => {
    const file = req.params.file;
    if (!PLUGIN_FILE.test(file))
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no plugin file ${file}` } });
    if (file === 'index.js' && options.buildOnDemand !== false) {
      try {
        await ensurePluginBuilt(pluginDir);
      } catch (e) {
        return reply
          .code(404)
          .send({ error: { code: 'NOT_BUILT', message: `could not build the plugin: ${(e as Error).message}` } });
      }
    }
    const type = file.endsWith('.map') ? 'application/json' : 'application/javascript; charset=utf-8';
    return sendFile(
      reply,
      `${pluginDir.replace(/\/?$/, '/')}${file}`,
      type,
      `plugin file ${file} not built: run npm run build -w deck-plugin`,
    );
  });
}
