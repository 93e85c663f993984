/**
 * The one client-facing error type of the service: an HTTP status, a stable code, a readable message and the
 * field (dotted JSON path, e.g. `timing.lifetimeMinutes`) at fault. The HTTP layer renders it as
 * `{status: "TERMINAL", message, error: {code, message, field}}`.
 */
export class ApiError extends Error {
  /**
   * @param statusCode HTTP status (4xx for caller mistakes, 503 for transient trouble)
   * @param code stable machine-readable code, e.g. `VALIDATION_FAILED`
   * @param message one sentence naming the field and the rule
   * @param field dotted JSON path of the offending field or parameter, or null
   */
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Converts a JSON Pointer / Ajv instance path (`/canaryConfig/metrics/0/name`) into the dotted form used in error
 * messages (`canaryConfig.metrics[0].name`); an empty path is `(body)`.
 */
export function dottedPath(pointer: string): string {
  if (pointer === '' || pointer === '/') return '(body)';
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc === '' ? seg : `${acc}.${seg}`), '');
}
