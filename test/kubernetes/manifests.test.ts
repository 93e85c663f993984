/**
 * The Kubernetes manifests (`deploy/kubernetes/`): the base and the example overlay are rendered as kustomize would
 * (`kustomize.ts`) and every object is validated against the Kubernetes OpenAPI schemas (kubernetes-models). Then the
 * pieces are checked against each other and against the service: selectors match the pod labels, the Secret and the
 * ConfigMap hold what the Deployment reads, the config file is accepted by the service's own `loadConfig`, the probes
 * hit `/readyz` and `/healthz`, and the termination grace period covers the preStop pause and the service's
 * shutdown grace.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { loadConfig } from '@canary-judge/orca-stage-spec/testing';
import { REPO_ROOT } from '../support/judge-service';
import { renderKustomization, strategicMerge, type K8sObject } from './kustomize';

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

const ROOT = join(REPO_ROOT, 'deploy/kubernetes');
const renders: Array<[string, K8sObject[]]> = [
  ['base', renderKustomization(join(ROOT, 'base'))],
  ['overlays/example', renderKustomization(join(ROOT, 'overlays/example'))],
];

type Container = {
  name: string;
  image: string;
  env: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  ports: Array<{ name: string; containerPort: number }>;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  volumeMounts: Array<{ name: string; mountPath: string }>;
  securityContext: Record<string, unknown>;
};

/** Loosely typed view of a rendered object (the schema check above is what guarantees its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = K8sObject & Record<string, any>;

function find(objects: K8sObject[], kind: string): Loose {
  const hits = objects.filter((o) => o.kind === kind);
  expect(hits, kind).toHaveLength(1);
  return hits[0] as Loose;
}

describe.each(renders)('Kubernetes manifests: %s', (_name, objects) => {
  it('every object is valid against the Kubernetes schemas (kubernetes-models)', () => {
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'PodDisruptionBudget',
      'Secret',
      'Service',
    ]);
    for (const o of objects) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      if (!Model) throw new Error(`no schema model for ${o.apiVersion} ${o.kind}`);
      expect(() => new Model(o as never).validate(), `${o.kind} ${o.metadata.name}`).not.toThrow();
    }
  });

  it('two replicas on PostgreSQL, rolling one at a time, probes on /readyz and /healthz, resources, non-root', () => {
    const d = find(objects, 'Deployment');
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.strategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 1 });
    const pod = d.spec.template.spec;
    const [c] = pod.containers as Container[];
    if (!c) throw new Error('no container');
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.ports).toEqual([expect.objectContaining({ name: 'http', containerPort: 8095 })]);
    expect(c.env).toContainEqual({ name: 'CANARY_JUDGE_STORE', value: 'postgres' });
    expect(c.env).toContainEqual({ name: 'HOST', value: '0.0.0.0' });
    expect(Object.keys((c as unknown as { resources: object }).resources).sort()).toEqual(['limits', 'requests']);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
    for (const m of c.volumeMounts) expect(pod.volumes.map((v: { name: string }) => v.name)).toContain(m.name);
  });

  it('Service and PodDisruptionBudget select exactly the Deployment pods', () => {
    const d = find(objects, 'Deployment');
    const podLabels = d.spec.template.metadata.labels as Record<string, string>;
    expect(d.spec.selector.matchLabels).toEqual(podLabels);
    const svc = find(objects, 'Service');
    expect(svc.spec.selector).toEqual(podLabels);
    expect(svc.spec.ports[0].targetPort).toBe('http');
    const pdb = find(objects, 'PodDisruptionBudget');
    expect(pdb.spec.selector.matchLabels).toEqual(podLabels);
    expect(pdb.spec.minAvailable).toBeLessThan(d.spec.replicas);
  });

  it('the Secret holds the token and database URL the Deployment reads; the ConfigMap is a config the service accepts', () => {
    const d = find(objects, 'Deployment');
    const [c] = d.spec.template.spec.containers as Container[];
    const secret = find(objects, 'Secret');
    const refs = (c?.env ?? []).flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef] : []));
    expect(refs.map((r) => r.key).sort()).toEqual(['database-url', 'token']);
    for (const r of refs) {
      expect(r.name).toBe(secret.metadata.name);
      expect(secret.stringData[r.key]).toEqual(expect.any(String));
    }
    expect(secret.stringData['database-url']).toMatch(/^postgres:\/\//);
    const cm = find(objects, 'ConfigMap');
    const volume = d.spec.template.spec.volumes.find((v: { configMap?: { name: string } }) => v.configMap);
    expect(volume.configMap.name).toBe(cm.metadata.name);
    const configPath = c?.env.find((e) => e.name === 'CANARY_JUDGE_CONFIG')?.value ?? '';
    const mount = c?.volumeMounts.find((m) => m.name === volume.name);
    expect(configPath).toBe(`${mount?.mountPath}/config.json`);
    const dir = mkdtempSync(join(tmpdir(), 'cj-k8s-'));
    try {
      writeFileSync(join(dir, 'config.json'), cm.data['config.json']);
      const config = loadConfig({
        CANARY_JUDGE_CONFIG: join(dir, 'config.json'),
        CANARY_JUDGE_STORE: 'postgres',
        CANARY_JUDGE_DATABASE_URL: secret.stringData['database-url'],
        HOST: '0.0.0.0',
        PORT: '8095',
      });
      expect(config.publicBaseUrl).toMatch(/^https:\/\//);
      expect(config.metricSources['prometheus']).toMatchObject({ type: 'prometheus' });
      // SIGTERM comes after preStop; the pod is killed terminationGracePeriodSeconds after preStop started.
      const preStop = Number(c?.lifecycle?.preStop?.exec?.command[1] ?? 0);
      expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThan(
        preStop + config.shutdown.graceSeconds,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the example overlay', () => {
  const overlay = renders[1]?.[1] ?? [];

  it('puts everything in one namespace, pins the image from a registry and replaces the placeholder secrets', () => {
    expect(new Set(overlay.map((o) => o.metadata.namespace))).toEqual(new Set(['spinnaker']));
    const [c] = find(overlay, 'Deployment').spec.template.spec.containers as Container[];
    expect(c?.image).toBe('registry.example.com/spinnaker/canary-judge:0.1.0');
    expect(JSON.stringify(find(overlay, 'Secret').stringData)).not.toContain('REPLACE_ME');
    expect(find(overlay, 'Deployment').metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'canary-judge' });
  });

  it('the schema check catches a broken object (a string replica count)', () => {
    const d = find(overlay, 'Deployment');
    const broken = strategicMerge(d, { spec: { replicas: 'two' } }) as never;
    expect(() => new Deployment(broken).validate()).toThrow();
  });

  it('merges named list items by name (the container patch keeps the base probes)', () => {
    const merged = strategicMerge(
      { containers: [{ name: 'a', image: 'x', ports: [1] }, { name: 'b' }] },
      { containers: [{ name: 'a', image: 'y' }] },
    );
    expect(merged).toEqual({ containers: [{ name: 'a', image: 'y', ports: [1] }, { name: 'b' }] });
  });
});
