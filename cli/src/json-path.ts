/**
 * Turn a JSON Pointer (RFC 6901, as ajv reports `instancePath`) into the dotted path users read:
 * `/metricSetPairList/3/values/control/7` → `metricSetPairList[3].values.control[7]`.
 *
 * Array indices are recognised by walking the document itself (a pointer alone cannot tell an index from an object
 * key named "3"); keys that are not identifiers are quoted: `tags["app.kubernetes.io/name"]`.
 *
 * @param pointer - a JSON Pointer into `document`; `''` is the whole document
 * @param document - the parsed JSON the pointer refers to
 * @returns the dotted path (`''` for the whole document)
 * @example pointerToPath('/a/0/b', { a: [{ b: 1 }] }) // 'a[0].b'
 */
export function pointerToPath(pointer: string, document: unknown): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = document;
  let path = '';
  for (const segment of segments) {
    if (Array.isArray(node)) {
      path += `[${segment}]`;
      node = node[Number(segment)];
    } else {
      path += appendKey(path, segment);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/**
 * The path suffix for an object key: `.key` (or `key` at the start) for identifiers, `["key"]` otherwise.
 *
 * @param path - the path so far (`''` at the root)
 * @param key - the object key
 * @returns the suffix to append
 * @example appendKey('canaryConfig', 'metrics') // '.metrics'
 */
export function appendKey(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path === '' ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}
