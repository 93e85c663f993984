/**
 * Nesting depth of a JSON text, measured before parsing: a body nested thousands of levels deep parses fine but
 * overflows the stack of every recursive walk after it (schema validation, canonical digest, expression scan) and
 * would end as a 500. The HTTP layer refuses such bodies with a 400 instead. Linear scan; brackets inside strings
 * (with escapes) do not count. Reference: RFC 8259 §9 ("An implementation may set limits on the maximum depth of
 * nesting").
 */

/** Deepest nesting accepted in a request body (a judgment request needs about 8 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * The greatest depth of `[`/`{` nesting in `text` (0 for a scalar), stopping early once it exceeds `limit`.
 * @param text JSON text (need not be valid: the parser reports syntax errors)
 * @param limit stop scanning and return `limit + 1` as soon as the depth exceeds it (default: no limit)
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}
