/**
 * Orca's checks on every webhook URL (create, poll, cancel) and its custom-header deny-list
 * (`docs/design/orca-webhook-contract.md` §2.1, §2.3 and §4).
 */

/** `user-configured-url-restrictions.*` (the subset that can be checked without DNS). */
export interface UrlRestrictions {
  /** False turns the restrictions off (tests on 127.0.0.1 need this; Orca's default is on). */
  enabled: boolean;
  /** Domain suffixes refused (default `spinnaker`, `local`, `localdomain`, `internal`). */
  excludedDomains?: string[];
}

/** `webhook.allowedRequests[]`: methods and a URL prefix. */
export interface AllowedRequest {
  httpMethods: string[];
  urlPrefix: string;
}

/** Orca's defaults for {@link UrlRestrictions}. */
export const DEFAULT_URL_RESTRICTIONS: UrlRestrictions = {
  enabled: true,
  excludedDomains: ['spinnaker', 'local', 'localdomain', 'internal'],
};

/**
 * Validates `url` for a call with `method`; returns null when allowed, else the reason Orca would give.
 *
 * Rules: absolute http/https URL ("non absolute URI" otherwise); with restrictions on, the host needs a dot, must
 * not be localhost, a literal IP or end with an excluded suffix; with an allow-list, the method must be listed and
 * the full URL must start with some `urlPrefix` (an empty list refuses everything).
 * Reference: `CORE/config/UserConfiguredUrlRestrictions.java`, `WH/service/WebhookService.java`.
 */
export function checkUrl(
  url: string,
  method: string,
  restrictions: UrlRestrictions = DEFAULT_URL_RESTRICTIONS,
  allowedRequests?: readonly AllowedRequest[],
): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `non absolute URI: ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `scheme not allowed: ${parsed.protocol}`;
  if (restrictions.enabled) {
    const host = parsed.hostname.toLowerCase();
    if (!/.*\..+/.test(host)) return `host not allowed (needs a dot): ${host}`;
    if (host === 'localhost' || host.endsWith('.localhost')) return `host not allowed (localhost): ${host}`;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[')) return `host not allowed (literal IP): ${host}`;
    const excluded = restrictions.excludedDomains ?? DEFAULT_URL_RESTRICTIONS.excludedDomains ?? [];
    const hit = excluded.find((suffix) => host === suffix || host.endsWith(`.${suffix}`));
    if (hit !== undefined) return `host not allowed (excluded domain .${hit}): ${host}`;
  }
  if (allowedRequests !== undefined) {
    const ok = allowedRequests.some(
      (rule) =>
        rule.httpMethods.some((m) => m.toUpperCase() === method.toUpperCase()) && url.startsWith(rule.urlPrefix),
    );
    if (!ok) return `request not allowed by webhook.allowedRequests: ${method} ${url}`;
  }
  return null;
}

/** Identity headers Orca silently drops from `customHeaders` (`WH/service/WebhookService.java`). */
export const DENIED_HEADERS = [
  'x-spinnaker-user',
  'x-spinnaker-account',
  'x-spinnaker-user-origin',
  'x-spinnaker-request-id',
  'x-spinnaker-execution-id',
];

/**
 * Turns a stage's `customHeaders` (name → string or list of strings) into request headers, dropping the denied
 * identity headers (case-insensitive). Non-string values are stringified; null values are skipped.
 */
export function buildHeaders(customHeaders: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (customHeaders === null || typeof customHeaders !== 'object') return out;
  for (const [name, raw] of Object.entries(customHeaders as Record<string, unknown>)) {
    if (DENIED_HEADERS.includes(name.toLowerCase()) || raw === null || raw === undefined) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    out[name] = values.map((v) => String(v));
  }
  return out;
}
