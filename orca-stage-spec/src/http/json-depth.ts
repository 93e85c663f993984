/**
 * A guard against hostile JSON: the nesting depth of a body is measured on its text, before parsing, so that a
 * 300,000-level document never reaches recursive code (validation, digests) and is refused with a 400.
 */

/** Deepest nesting of arrays/objects accepted in a body (a real request needs under 10 levels). */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of a JSON text (brackets outside strings), computed without parsing, so that a hostile
 * 300,000-level document is refused before any recursive code sees it.
 * @example jsonDepth('{"a":[1,{"b":"[["}]}') // 3
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) {
        i++; // backslash: skip the escaped character
      } else if (c === 34) {
        inString = false;
      }
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Why a body could not be parsed: the service's error code and the message it answers with. */
export interface JsonParseRefusal {
  /** `NESTING_TOO_DEEP` or `INVALID_JSON`. */
  readonly code: 'NESTING_TOO_DEEP' | 'INVALID_JSON';
  /** The sentence the 400 answer carries (field `(body)`). */
  readonly message: string;
}

/**
 * Parses a request body's JSON text after the {@link jsonDepth} guard: the one parse the HTTP layer and the
 * `/judge` worker share, so both refuse the same bodies with the same words.
 * @param text the body as UTF-8 text (not empty).
 * @returns `{ ok: true, value }`, or `{ ok: false, refusal }` naming the rule broken.
 */
export function parseGuardedJson(
  text: string,
): { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly refusal: JsonParseRefusal } {
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    const message = `the body nests arrays/objects deeper than ${MAX_JSON_DEPTH} levels`;
    return { ok: false, refusal: { code: 'NESTING_TOO_DEEP', message } };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return {
      ok: false,
      refusal: { code: 'INVALID_JSON', message: `the body is not valid JSON: ${(e as Error).message}` },
    };
  }
}
