/**
 * A small renderer of the kustomize features the manifests in `deploy/kubernetes/` use — `resources` (files and
 * directories with a kustomization), `namespace`, `images`, `labels` (metadata only) and strategic-merge `patches`
 * (maps merged, lists of named items merged by `name`) — so the tests can validate what `kubectl apply -k` would
 * create without a kustomize binary. A kustomization using anything else is refused, so the renderer cannot silently
 * diverge from kustomize. Reference: https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as parsed from YAML. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
} & Record<string, unknown>;

const SUPPORTED = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'labels', 'patches']);

/** Every YAML document of a file. */
export function readYaml(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown);
}

type Json = unknown;

/** Strategic merge as kustomize applies it for these manifests: maps deep-merged, named-item lists merged by name. */
export function strategicMerge(base: Json, patch: Json): Json {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const named = (xs: unknown[]) => xs.every((x) => x !== null && typeof x === 'object' && 'name' in (x as object));
    if (!named(base) || !named(patch)) return patch;
    const out = [...base] as Array<Record<string, unknown>>;
    for (const p of patch as Array<Record<string, unknown>>) {
      const i = out.findIndex((b) => b['name'] === p['name']);
      if (i === -1) out.push(p);
      else out[i] = strategicMerge(out[i], p) as Record<string, unknown>;
    }
    return out;
  }
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = strategicMerge(out[k], v);
    return out;
  }
  return patch;
}

/** The containers of a workload's pod template (Deployment here). */
function containersOf(o: K8sObject): Array<Record<string, unknown>> {
  const spec = o['spec'] as { template?: { spec?: { containers?: Array<Record<string, unknown>> } } } | undefined;
  return spec?.template?.spec?.containers ?? [];
}

/**
 * Renders the kustomization in `dir` (its `kustomization.yaml`) to the list of objects it would apply.
 * @throws Error for a field this renderer does not implement, or a patch without a target
 */
export function renderKustomization(dir: string): K8sObject[] {
  const k = readYaml(join(dir, 'kustomization.yaml'))[0] as Record<string, unknown>;
  const unknownFields = Object.keys(k).filter((f) => !SUPPORTED.has(f));
  if (unknownFields.length > 0) throw new Error(`${dir}: kustomize fields not rendered by the test: ${unknownFields}`);
  let objects: K8sObject[] = [];
  for (const r of (k['resources'] as string[] | undefined) ?? []) {
    const path = resolve(dir, r);
    if (statSync(path).isDirectory()) objects.push(...renderKustomization(path));
    else objects.push(...(readYaml(path) as K8sObject[]));
  }
  for (const p of (k['patches'] as Array<{ path: string }> | undefined) ?? []) {
    for (const patch of readYaml(join(dir, p.path)) as K8sObject[]) {
      const i = objects.findIndex((o) => o.kind === patch.kind && o.metadata.name === patch.metadata.name);
      if (i === -1) throw new Error(`${dir}/${p.path}: no ${patch.kind} ${patch.metadata.name} to patch`);
      objects[i] = strategicMerge(objects[i], patch) as K8sObject;
    }
  }
  for (const l of (k['labels'] as Array<{ pairs: Record<string, string>; includeSelectors?: boolean }>) ?? []) {
    if (l.includeSelectors) throw new Error(`${dir}: labels.includeSelectors is not rendered by the test`);
    objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...l.pairs } } }));
  }
  const images = (k['images'] as Array<{ name: string; newName?: string; newTag?: string }> | undefined) ?? [];
  for (const o of objects) {
    for (const c of containersOf(o)) {
      const ref = String(c['image']);
      const name = ref.replace(/:[^/:]+$/, '');
      const image = images.find((i) => i.name === name);
      if (image) c['image'] = `${image.newName ?? name}:${image.newTag ?? ref.slice(name.length + 1)}`;
    }
  }
  if (typeof k['namespace'] === 'string') {
    objects = objects.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: k['namespace'] as string } }));
  }
  return objects;
}
