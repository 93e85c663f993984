/**
 * Request ids: every request carries one — the caller's `X-Request-Id` when it is a plausible id (1–128 characters
 * of letters, digits and `._:-`, as load balancers and Spinnaker's services send them), else a new UUID. It is the
 * `requestId` of every log line of the request (pino child logger), the `X-Request-Id` response header, and the
 * `requestId` field of every JSON error body, so an operator can match an Orca failure to the service's logs.
 * Reference: https://fastify.dev/docs/latest/Reference/Server/#genreqid
 */
import { randomUUID } from 'node:crypto';
import { LogController, type FastifyInstance } from 'fastify';

/** What an accepted `X-Request-Id` looks like (anything else is replaced by a generated id). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id of an incoming request.
 * @param headers the request headers
 * @returns the caller's `x-request-id` when it matches {@link REQUEST_ID_PATTERN}, else a random UUID
 */
export function requestIdOf(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

/**
 * Fastify server options for request ids (spread into `Fastify({...})`): the id generator, and the log label
 * `requestId` set through a `logController` — Fastify 5's top-level `requestIdLogLabel` option is deprecated
 * (warning FSTDEP024, https://fastify.dev/docs/latest/Reference/Warnings/).
 */
export const requestIdServerOptions = {
  genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => requestIdOf(req.headers),
  logController: new LogController({ requestIdLogLabel: 'requestId' }),
} as const;

/**
 * Adds the `X-Request-Id` response header to every answer and `requestId` to every JSON error body (objects with
 * `status: "TERMINAL"` and an `error`, sent with a 4xx/5xx code).
 * @param app the service's Fastify app
 */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook('preSerialization', async (req, reply, payload: unknown) => {
    if (reply.statusCode < 400 || !payload || typeof payload !== 'object' || !('error' in payload)) return payload;
    return { ...payload, requestId: req.id };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    return payload;
  });
}
