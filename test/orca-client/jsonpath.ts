/**
 * The small part of JSONPath that Orca's webhook stage uses in practice (`$.status`, `$.a.b[0]`, `$['x']`).
 */

/** Result of {@link readJsonPath}: whether the path exists, and its value. */
export type JsonPathResult = { found: true; value: unknown } | { found: false };

/**
 * Reads a simple JSONPath (`$`, `.name`, `['name']`, `[index]`) from a parsed JSON value.
 *
 * Edge cases: a missing key or index, or a step into a non-object, gives `{found: false}` (Orca: "JSON property …
 * not found"); a present `null` gives `{found: true, value: null}`. Filters, wildcards and recursive descent are not
 * supported.
 * Reference: Jayway JsonPath as used by `WH/tasks/MonitorWebhookTask.java` (`docs/design/orca-webhook-contract.md`
 * §2.5).
 * @throws Error `unsupported JSONPath <path>` for syntax outside the subset.
 */
export function readJsonPath(document: unknown, path: string): JsonPathResult {
  const steps = parsePath(path);
  let current: unknown = document;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return { found: false };
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return { found: false };
      if (!Object.prototype.hasOwnProperty.call(current, step)) return { found: false };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}

function parsePath(path: string): (string | number)[] {
  const trimmed = path.trim();
  if (!trimmed.startsWith('$')) throw new Error(`unsupported JSONPath ${path}: must start with $`);
  const steps: (string | number)[] = [];
  const re = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;
  let i = 1;
  while (i < trimmed.length) {
    re.lastIndex = i;
    const m = re.exec(trimmed);
    if (m === null) throw new Error(`unsupported JSONPath ${path} at offset ${i}`);
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else steps.push(m[3] ?? m[4] ?? '');
    i = re.lastIndex;
  }
  return steps;
}
