/**
 * Path reads over parsed JSON with the semantics of Kayenta's `MapUtils.get`, which the judge uses to read
 * `analysisConfigurations.canary.*`.
 *
 * Rules (Kayenta's `UtilsSuite` MapUtils tests, `docs/design/kayenta-judge.md` §2.3):
 * - an empty path returns the value itself (also a scalar or `null`);
 * - an object is indexed by the first path element; a missing key is *absent*, a key holding `null` is *present
 *   with the value null* (Kayenta's `Some(null)`; the `…WithDefault` readers in `settings.ts` then apply the default);
 * - an array fans the *whole remaining path* out over its elements and collects the present results in order;
 *   no present result at all is absent;
 * - anything else (number, string, boolean, null) with a non-empty path is absent.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/utils/MapUtils.scala`.
 */

/** Result of a path read: absent (Kayenta `None`) or present with a value, possibly `null` (Kayenta `Some(null)`). */
export type PathRead = { readonly found: false } | { readonly found: true; readonly value: unknown };

const ABSENT: PathRead = { found: false };

/**
 * Reads `path` from `data` with Kayenta's `MapUtils.get` semantics (see the module doc).
 *
 * @param data Parsed JSON (object, array, scalar or null).
 * @param path Keys to follow; may be empty.
 * @returns `{found: false}` when absent, else `{found: true, value}`; a fan-out yields an array value.
 * @example
 * mapGet({ list: [{ a: '1' }, { b: '2' }, { a: '3' }] }, ['list', 'a']) // { found: true, value: ['1', '3'] }
 */
export function mapGet(data: unknown, path: readonly string[]): PathRead {
  if (path.length === 0) return { found: true, value: data };
  if (Array.isArray(data)) {
    const collected: unknown[] = [];
    for (const element of data) {
      const read = mapGet(element, path);
      if (read.found) collected.push(read.value);
    }
    return collected.length === 0 ? ABSENT : { found: true, value: collected };
  }
  if (data !== null && typeof data === 'object') {
    const [head, ...tail] = path as [string, ...string[]];
    if (!Object.prototype.hasOwnProperty.call(data, head)) return ABSENT;
    return mapGet((data as Record<string, unknown>)[head], tail);
  }
  return ABSENT;
}
