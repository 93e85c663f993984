/**
 * OAuth access tokens for Google APIs (Cloud Monitoring), from either a static token or a service-account JSON key
 * (the file `gcloud iam service-accounts keys create` writes; Kayenta's Google account `jsonPath`). The key is
 * exchanged for a token by google-auth-library's `JWT` client (signed JWT bearer grant, RFC 7523), which caches the
 * token and renews it before it expires. The token endpoint is the key's own `token_uri` (Google's keys say
 * `https://oauth2.googleapis.com/token`; a test or an air-gapped proxy may say another), each exchange is bounded by
 * the source's `timeoutMs`, and it is not retried inside (the scheduler retries the interval).
 *
 * Failures are `MetricSourceError`s naming the source but never a key or token: a refused key → `AUTH_REFUSED`, an
 * unreachable endpoint → `SOURCE_UNREACHABLE`, no answer in time → `TIMEOUT`.
 *
 * Reference: https://developers.google.com/identity/protocols/oauth2/service-account and google-auth-library's `JWT`.
 */
import { JWT } from 'google-auth-library';
import { MetricSourceError } from './port';

/** Google's token endpoint (google-auth-library sends every exchange there; requests are redirected to `token_uri`). */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The OAuth scope for reading Cloud Monitoring. */
export const MONITORING_READ_SCOPE = 'https://www.googleapis.com/auth/monitoring.read';

/** The fields of a service-account JSON key that are used. */
export interface ServiceAccountKey {
  type: 'service_account';
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
  token_uri?: string;
}

/**
 * Parses a service-account JSON key, naming what is wrong (never echoing the key).
 * @param text the key file's content
 * @param setting the config path, for messages (e.g. `metricSources.gcp.credentials`)
 * @throws Error `<setting>: <rule>`
 */
export function parseServiceAccountKey(text: string, setting: string): ServiceAccountKey {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${setting}: is not JSON (expected a service-account JSON key)`);
  }
  const k = raw as Record<string, unknown>;
  if (typeof k !== 'object' || k === null || Array.isArray(k)) {
    throw new Error(`${setting}: expected a service-account JSON key object`);
  }
  if (k['type'] !== 'service_account') {
    throw new Error(`${setting}: "type" is ${JSON.stringify(k['type'])}, expected "service_account"`);
  }
  for (const f of ['client_email', 'private_key'] as const) {
    if (typeof k[f] !== 'string' || k[f] === '') throw new Error(`${setting}: "${f}" is missing`);
  }
  if (!String(k['private_key']).includes('PRIVATE KEY')) {
    throw new Error(`${setting}: "private_key" is not a PEM private key`);
  }
  const tokenUri = k['token_uri'];
  if (tokenUri !== undefined && (typeof tokenUri !== 'string' || !/^https?:\/\//.test(tokenUri))) {
    throw new Error(`${setting}: "token_uri" must be an http(s) URL`);
  }
  return k as unknown as ServiceAccountKey;
}

/** Gives the bearer token of each request. */
export interface GoogleTokenSource {
  /**
   * The current access token (cached; a key's token is renewed before it expires).
   * @param what the fetch's message prefix
   * @param signal the fetch's abort signal
   * @throws MetricSourceError `AUTH_REFUSED`, `SOURCE_UNREACHABLE` or `TIMEOUT`
   */
  token(what: string, signal?: AbortSignal): Promise<string>;
  /** Drops a cached token (after the API refused it), so the next call exchanges the key again. */
  reset(): void;
}

/**
 * A token source for a static token (never renewed).
 * @param accessToken the token
 */
export function staticTokenSource(accessToken: string): GoogleTokenSource {
  return { token: () => Promise.resolve(accessToken), reset: () => undefined };
}

/**
 * A token source exchanging a service-account key at its `token_uri`.
 * @param key the parsed key
 * @param timeoutMs bound of one exchange, milliseconds
 * @param scopes OAuth scopes (default Cloud Monitoring read)
 */
export function serviceAccountTokenSource(
  key: ServiceAccountKey,
  timeoutMs: number,
  scopes: string[] = [MONITORING_READ_SCOPE],
): GoogleTokenSource {
  const tokenUri = key.token_uri ?? GOOGLE_TOKEN_URL;
  const newClient = () =>
    new JWT({
      email: key.client_email,
      key: key.private_key,
      ...(key.private_key_id ? { keyId: key.private_key_id } : {}),
      scopes,
      transporterOptions: {
        timeout: timeoutMs,
        // Sends the exchange to the key's token_uri, and leaves retrying to the scheduler.
        adapter: (options, defaultAdapter) => {
          const url = String(options.url);
          if (url === GOOGLE_TOKEN_URL && tokenUri !== GOOGLE_TOKEN_URL) options.url = new URL(tokenUri);
          options.retry = false;
          options.retryConfig = { ...options.retryConfig, retry: 0, noResponseRetries: 0 };
          return defaultAdapter(options);
        },
      },
    });
  let client = newClient();
  const endpoint = new URL(tokenUri).origin;

  return {
    reset() {
      client = newClient();
    },
    async token(what, signal) {
      let onAbort: (() => void) | undefined;
      let timer: NodeJS.Timeout | undefined;
      const stop = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new MetricSourceError('TIMEOUT', `${what}: no access token from ${endpoint} within ${timeoutMs} ms`),
            ),
          timeoutMs,
        );
        if (signal) {
          onAbort = () =>
            reject(
              new MetricSourceError(
                'TIMEOUT',
                `${what}: stopped waiting for an access token: ${String((signal.reason as Error)?.message ?? 'aborted')}`,
              ),
            );
          if (signal.aborted) onAbort();
          else signal.addEventListener('abort', onAbort, { once: true });
        }
      });
      try {
        const answer = await Promise.race([client.getAccessToken(), stop]);
        if (typeof answer.token !== 'string' || answer.token === '') {
          throw new MetricSourceError('AUTH_REFUSED', `${what}: ${endpoint} answered no access token`);
        }
        return answer.token;
      } catch (e) {
        if (e instanceof MetricSourceError) throw e;
        const err = e as { status?: number; response?: { status?: number }; code?: string; message?: string };
        const status = err.status ?? err.response?.status;
        if (status === undefined) {
          throw new MetricSourceError(
            'SOURCE_UNREACHABLE',
            `${what}: cannot get an access token from ${endpoint} (${err.code ?? 'network error'})`,
          );
        }
        if (status >= 500 || status === 429) {
          throw new MetricSourceError(
            status === 429 ? 'RATE_LIMITED' : 'SOURCE_UNREACHABLE',
            `${what}: the token endpoint ${endpoint} answered ${status}`,
          );
        }
        const said = (err.message ?? '').replace(/[\r\n]+/g, ' ').slice(0, 200);
        throw new MetricSourceError(
          'AUTH_REFUSED',
          `${what}: the token endpoint ${endpoint} refused the service-account key (HTTP ${status}): ${said}`,
        );
      } finally {
        clearTimeout(timer);
        if (signal && onAbort) signal.removeEventListener('abort', onAbort);
      }
    },
  };
}
