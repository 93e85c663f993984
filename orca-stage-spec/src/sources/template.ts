/**
 * Query templates: `${name}` placeholders replaced by scope values, PromQL-string-escaped (so a value placed
 * inside `"…"` cannot end the string). Unknown placeholders are an error naming them, never left in the query.
 */

/** Escapes a value for use inside a PromQL double-quoted string (backslash, quote, newline). */
export function escapePromqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * Replaces every `${name}` in `template` with `escape(values[name])`.
 *
 * @example expandTemplate('up{job="${scope}"}', { scope: 'api' }) // 'up{job="api"}'
 * @throws Error naming the first placeholder that has no value
 */
export function expandTemplate(
  template: string,
  values: Record<string, string | undefined>,
  escape: (v: string) => string = escapePromqlString,
): string {
  return template.replace(/\$\{([^}]*)\}/g, (_m, raw: string) => {
    const name = raw.trim();
    const v = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (v === undefined) {
      const known = Object.keys(values)
        .filter((k) => values[k] !== undefined)
        .join(', ');
      throw new Error(`placeholder \${${name}} has no value (known: ${known})`);
    }
    return escape(v);
  });
}

/**
 * The `${name}` placeholders of a template, in order of first appearance.
 * @example placeholdersOf('a{x="${scope}",y="${ location }"}') // ['scope', 'location']
 */
export function placeholdersOf(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
    const name = (m[1] ?? '').trim();
    if (!out.includes(name)) out.push(name);
  }
  return out;
}

/**
 * The placeholder names a judgment supplies to every query template: `scope`, `location`, `side`, `metricName` and
 * each `extendedScopeParams` key.
 * @param extendedScopeParams the judgment's extra placeholder values
 */
export function knownPlaceholders(extendedScopeParams: Record<string, string> | undefined): Set<string> {
  return new Set(['scope', 'location', 'side', 'metricName', ...Object.keys(extendedScopeParams ?? {})]);
}

/**
 * The first placeholder of `template` that is not in `known`, as a sentence for a 400, or undefined when all are
 * known.
 * @param template the template text
 * @param field where it came from, e.g. `query.customInlineTemplate`
 * @param known the placeholder names the judgment supplies ({@link knownPlaceholders})
 */
export function unknownPlaceholder(template: string, field: string, known: ReadonlySet<string>): string | undefined {
  const unknown = placeholdersOf(template).find((p) => !known.has(p));
  if (unknown === undefined) return undefined;
  return `${field} uses the placeholder \${${unknown}}, which has no value (known: ${[...known].join(', ')})`;
}
