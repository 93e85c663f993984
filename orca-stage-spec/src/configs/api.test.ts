// Shared canary configs over HTTP: create/list/get/update (new version)/delete, the same validation as an inline
// config, a stage referencing {name, version | "latest"} resolved at creation (the judgment stores the config and
// version used), unknown names/versions as 400s naming them, and deletion refused while judgments used the config.
import { afterEach, describe, expect, it } from 'vitest';
import { judge as realJudge } from '@canary-judge/shared';
import { DEMO_CANARY_CONFIG, demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { createSharedConfig, testService } from '../testing/fixtures';

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

async function start(env: Record<string, string> = {}) {
  svc = await testService(env, { judge: realJudge });
  return svc;
}

const send = (s: RunningService, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
  s.app.inject({
    method,
    url,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

function refRequest(version: number | 'latest') {
  const { canaryConfig: _inline, ...rest } = demoRequest();
  return { ...rest, canaryConfigRef: { name: 'checkout', version } };
}

describe('/v1/canary-configs', () => {
  it('creates, lists by application, gets a version, updates to a new version', async () => {
    const s = await start();
    const created = await createSharedConfig(s, 'checkout');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'checkout', version: 1, application: 'shop' });
    const again = await createSharedConfig(s, 'checkout');
    expect(again.statusCode).toBe(409);
    const v2config = { ...DEMO_CANARY_CONFIG, metrics: DEMO_CANARY_CONFIG.metrics.slice(0, 2) };
    const updated = await send(s, 'PUT', '/v1/canary-configs/checkout', { config: v2config });
    expect(updated.statusCode).toBe(201);
    expect(updated.json().version).toBe(2);
    const v1 = await send(s, 'GET', '/v1/canary-configs/checkout/1');
    expect(v1.json().config.metrics).toHaveLength(3);
    const latest = await send(s, 'GET', '/v1/canary-configs/checkout/latest');
    expect(latest.json()).toMatchObject({ version: 2 });
    expect(latest.json().config.metrics).toHaveLength(2);
    expect((await send(s, 'GET', '/v1/canary-configs/checkout/7')).statusCode).toBe(404);
    const list = await send(s, 'GET', '/v1/canary-configs?application=shop');
    expect(list.json().configs).toEqual([
      expect.objectContaining({ name: 'checkout', latestVersion: 2, versions: [1, 2], references: 0 }),
    ]);
    expect((await send(s, 'GET', '/v1/canary-configs?application=other')).json().configs).toEqual([]);
  });

  it('validates a config with the same schema and judge checks as an inline one', async () => {
    const s = await start();
    const bad = await createSharedConfig(s, 'x', { ...DEMO_CANARY_CONFIG, metrics: 'none' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toMatch(/^config/);
    const badName = await createSharedConfig(s, '../etc');
    expect(badName.statusCode).toBe(400);
    expect(badName.json().error.field).toBe('name');
    const unknown = await send(s, 'PUT', '/v1/canary-configs/nope', { config: DEMO_CANARY_CONFIG });
    expect(unknown.statusCode).toBe(404);
  });

  it('is token-protected like the rest of /v1', async () => {
    const s = await start({ CANARY_JUDGE_TOKEN: 'sekrit' });
    expect((await send(s, 'GET', '/v1/canary-configs')).statusCode).toBe(401);
    const ok = await s.app.inject({
      method: 'GET',
      url: '/v1/canary-configs',
      headers: { authorization: 'Bearer sekrit' },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('judgments referencing a shared config', () => {
  it('resolves "latest" at creation, stores the config and version used, and refuses deleting it with the count', async () => {
    const s = await start();
    await createSharedConfig(s, 'checkout');
    const created = await send(s, 'PUT', '/v1/judgments/k-ref-1', refRequest('latest'));
    expect(created.statusCode).toBe(201);
    // A new version after the judgment started does not change what it judges with.
    await send(s, 'PUT', '/v1/canary-configs/checkout', {
      config: {
        ...DEMO_CANARY_CONFIG,
        metrics: DEMO_CANARY_CONFIG.metrics.slice(0, 1),
        classifier: { groupWeights: { latency: 100 } },
      },
    });
    const report = await send(s, 'GET', '/v1/judgments/k-ref-1/report');
    expect(report.json().request.canaryConfigRef).toEqual({ name: 'checkout', version: 1 });
    expect(report.json().request.canaryConfig.metrics).toHaveLength(3);
    // The same request again is a replay (the digest is of what was sent).
    expect((await send(s, 'PUT', '/v1/judgments/k-ref-1', refRequest('latest'))).statusCode).toBe(200);
    expect((await send(s, 'PUT', '/v1/judgments/k-ref-2', refRequest(2))).statusCode).toBe(201);
    const del = await send(s, 'DELETE', '/v1/canary-configs/checkout');
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toContain('was used by 2 judgments');
    expect((await send(s, 'GET', '/v1/canary-configs')).json().configs[0].references).toBe(2);
  });

  it('names an unknown config name or version with a 400 at creation', async () => {
    const s = await start();
    const noName = await send(s, 'PUT', '/v1/judgments/k-ref-3', refRequest('latest'));
    expect(noName.statusCode).toBe(400);
    expect(noName.json().error).toMatchObject({ code: 'UNKNOWN_CANARY_CONFIG', field: 'canaryConfigRef.name' });
    expect(noName.json().error.message).toContain('"checkout"');
    await createSharedConfig(s, 'checkout');
    const noVersion = await send(s, 'PUT', '/v1/judgments/k-ref-4', refRequest(5));
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().error).toMatchObject({ field: 'canaryConfigRef.version' });
    expect(noVersion.json().error.message).toContain('has no version 5 (latest is 1)');
    const both = await send(s, 'PUT', '/v1/judgments/k-ref-5', {
      ...demoRequest(),
      canaryConfigRef: { name: 'checkout', version: 1 },
    });
    expect(both.statusCode).toBe(400);
    const neither = await send(
      s,
      'PUT',
      '/v1/judgments/k-ref-6',
      refRequest(1) && { ...refRequest(1), canaryConfigRef: undefined },
    );
    expect(neither.statusCode).toBe(400);
  });

  it('deletes an unused config', async () => {
    const s = await start();
    await createSharedConfig(s, 'unused');
    expect((await send(s, 'DELETE', '/v1/canary-configs/unused')).statusCode).toBe(204);
    expect((await send(s, 'GET', '/v1/canary-configs/unused/latest')).statusCode).toBe(404);
    expect((await send(s, 'DELETE', '/v1/canary-configs/unused')).statusCode).toBe(404);
  });
});
