/**
 * The `/v1/canary-configs` handlers and the resolution of a stage's `canaryConfigRef` when a judgment is created.
 * Bad input answers 4xx naming the field: an unknown config name or version is a 400 at judgment creation (the
 * stage's mistake) and a 404 on the config's own URL; deleting a config that judgments used is a 409 with the count.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CanaryConfig, JudgmentRequest } from '@canary-judge/shared';
import { ApiError } from '../lifecycle/errors';
import type { CanaryConfigStore, StoredCanaryConfig } from './port';

/** Runs the judge's configuration checks on a config (throws an ApiError 400 naming the field). */
export type ConfigCheck = (config: CanaryConfig) => void;

/** A stored config as the API answers it. */
export function configBody(c: StoredCanaryConfig): Record<string, unknown> {
  return {
    name: c.name,
    version: c.version,
    application: c.application,
    config: c.config,
    createdAt: new Date(c.createdMs).toISOString(),
  };
}

/**
 * A request with its `canaryConfigRef` resolved: `canaryConfig` is the referenced version's config and the
 * reference carries the version number used. A request without a reference is returned as it is.
 * @throws ApiError 400 `UNKNOWN_CANARY_CONFIG` naming the name or version; 400 when both forms are given
 */
export async function resolveConfigRef(
  request: JudgmentRequest,
  store: CanaryConfigStore | undefined,
): Promise<{ request: JudgmentRequest; used: StoredCanaryConfig | null }> {
  const ref = request.canaryConfigRef;
  if (!ref) return { request, used: null };
  if ((request as { canaryConfig?: unknown }).canaryConfig !== undefined) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      'canaryConfigRef: give either an inline canaryConfig or a canaryConfigRef, not both',
      'canaryConfigRef',
    );
  }
  const found = store ? await store.get(ref.name, ref.version) : null;
  if (!found) {
    const known = store ? await store.get(ref.name, 'latest') : null;
    if (!known) {
      throw new ApiError(
        400,
        'UNKNOWN_CANARY_CONFIG',
        `canaryConfigRef.name: no shared canary config named "${ref.name}"`,
        'canaryConfigRef.name',
      );
    }
    throw new ApiError(
      400,
      'UNKNOWN_CANARY_CONFIG',
      `canaryConfigRef.version: shared canary config "${ref.name}" has no version ${ref.version} (latest is ${known.version})`,
      'canaryConfigRef.version',
    );
  }
  return {
    request: { ...request, canaryConfig: found.config, canaryConfigRef: { name: found.name, version: found.version } },
    used: found,
  };
}

type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * Route handlers by route id (see `contract/routes.ts`).
 * @param store the config store
 * @param check the judge's configuration check, so a stored config is one a judgment accepts
 * @param now the clock (epoch ms)
 */
export function canaryConfigHandlers(
  store: CanaryConfigStore,
  check: ConfigCheck,
  now: () => number,
): Record<string, Handler> {
  const nameOf = (req: FastifyRequest) => (req.params as { name: string }).name;
  return {
    createCanaryConfig: async (req, reply) => {
      const body = req.body as { application: string; name: string; config: CanaryConfig };
      check(body.config);
      const created = await store.create(body.application, body.name, body.config, now());
      if (!created) {
        throw new ApiError(
          409,
          'CONFIG_EXISTS',
          `name: a shared canary config named "${body.name}" exists; PUT /v1/canary-configs/${body.name} adds a version`,
          'name',
        );
      }
      return reply.code(201).send(configBody(created));
    },
    listCanaryConfigs: async (req, reply) => {
      const app = (req.query as { application?: unknown } | undefined)?.application;
      const list = await store.list(typeof app === 'string' && app !== '' ? app : null);
      return reply.send({
        configs: list.map((c) => ({ ...c, updatedAt: new Date(c.updatedMs).toISOString(), updatedMs: undefined })),
      });
    },
    getCanaryConfig: async (req, reply) => {
      const { name, version } = req.params as { name: string; version: string };
      const found = await store.get(name, version === 'latest' ? 'latest' : Number(version));
      if (!found) {
        throw new ApiError(
          404,
          'NOT_FOUND',
          `shared canary config "${name}" version ${version} does not exist`,
          'version',
        );
      }
      return reply.send(configBody(found));
    },
    updateCanaryConfig: async (req, reply) => {
      const { config } = req.body as { config: CanaryConfig };
      check(config);
      const next = await store.addVersion(nameOf(req), config, now());
      if (!next) throw new ApiError(404, 'NOT_FOUND', `shared canary config "${nameOf(req)}" does not exist`, 'name');
      return reply.code(201).send(configBody(next));
    },
    deleteCanaryConfig: async (req, reply) => {
      const name = nameOf(req);
      const uses = await store.references(name);
      if (uses > 0) {
        throw new ApiError(
          409,
          'CONFIG_IN_USE',
          `name: shared canary config "${name}" was used by ${uses} judgment${uses === 1 ? '' : 's'}; it is kept`,
          'name',
        );
      }
      if (!(await store.delete(name))) {
        throw new ApiError(404, 'NOT_FOUND', `shared canary config "${name}" does not exist`, 'name');
      }
      return reply.code(204).send();
    },
  };
}
