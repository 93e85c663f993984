/**
 * JSON Pointer → the dotted path people read (`/metricSetPairList/3/values/control/7` →
 * `metricSetPairList[3].values.control[7]`): the one conversion behind every field named in an error — the CLI, the
 * service's `POST /judge`, its judgment API and its configuration file.
 * Reference: RFC 6901 (JSON Pointer, https://www.rfc-editor.org/rfc/rfc6901).
 */

/**
 * The path suffix for an object key: `.key` (or `key` at the start) for identifiers, `["key"]` otherwise.
 *
 * @param path the path so far (`''` at the root)
 * @param key the object key
 * @returns the suffix to append
 * @example appendKey('canaryConfig', 'metrics') // '.metrics'
 */
export function appendKey(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === '' ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

/**
 * Turns a JSON Pointer into a dotted path. With the document, array indices are recognised by walking it (a pointer
 * alone cannot tell an index from an object key named "3"); without it, a segment of digits only is read as an
 * index. Keys that are not identifiers are quoted (`["my group"]`).
 *
 * @param pointer a JSON Pointer (`~1` and `~0` escapes decoded); `''` is the whole document
 * @param document the parsed JSON the pointer refers to, when the caller has it
 * @returns the dotted path (`''` for the whole document)
 * @example pointerToPath('/a/0/b', { a: [{ b: 1 }] }) // 'a[0].b'
 * @example pointerToPath('/canaryConfig/metrics/0/name') // 'canaryConfig.metrics[0].name'
 */
export function pointerToPath(pointer: string, document?: unknown): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segmentsToPath(segments, document);
}

/**
 * The dotted path of a list of keys and indices (a decoded JSON Pointer), by the rules of {@link pointerToPath}.
 *
 * @param segments object keys and array indices from the root, as strings
 * @param document the document they walk, when the caller has it
 * @returns the dotted path (`''` for no segment)
 * @example segmentsToPath(['canaryConfig', 'metrics', '0', 'name']) // 'canaryConfig.metrics[0].name'
 */
export function segmentsToPath(segments: readonly string[], document?: unknown): string {
  const walk = document !== undefined;
  let node: unknown = document;
  let path = '';
  for (const segment of segments) {
    if (walk ? Array.isArray(node) : /^\d+$/.test(segment)) {
      path += `[${segment}]`;
      node = Array.isArray(node) ? node[Number(segment)] : undefined;
    } else {
      path += appendKey(path, segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}
