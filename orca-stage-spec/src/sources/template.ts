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
