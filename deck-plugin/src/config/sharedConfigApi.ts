/**
 * Browser calls to the judge's shared canary config API (`/v1/canary-configs`), through the report base URL when the
 * operator set one (e.g. a Gate proxy that adds the service token), else the judge URL of the stage.
 */
import axios from 'axios';
import type { CanaryConfig } from '@canary-judge/shared';

/** A listed config. */
export interface SharedConfigSummary {
  name: string;
  application: string;
  latestVersion: number;
  versions: number[];
  references: number;
}

/** One stored version. */
export interface SharedConfigVersion {
  name: string;
  version: number;
  application: string;
  config: CanaryConfig;
}

/** The error text of a failed call: the judge's `error.message` when it sent one. */
export function apiErrorText(e: unknown): string {
  if (axios.isAxiosError(e)) {
    const body = e.response?.data as { error?: { message?: unknown } } | undefined;
    const msg = typeof body?.error?.message === 'string' ? body.error.message : e.message;
    return e.response ? `HTTP ${e.response.status}: ${msg}` : msg;
  }
  return e instanceof Error ? e.message : String(e);
}

/** The API client for one base URL. */
export function sharedConfigApi(base: string) {
  const root = `${base.replace(/\/+$/, '')}/v1/canary-configs`;
  const opts = { headers: { Accept: 'application/json' }, timeout: 20_000 };
  return {
    list: async (application: string): Promise<SharedConfigSummary[]> =>
      (
        await axios.get<{ configs: SharedConfigSummary[] }>(
          `${root}?application=${encodeURIComponent(application)}`,
          opts,
        )
      ).data.configs,
    get: async (name: string, version: string): Promise<SharedConfigVersion> =>
      (await axios.get<SharedConfigVersion>(`${root}/${encodeURIComponent(name)}/${encodeURIComponent(version)}`, opts))
        .data,
    create: async (application: string, name: string, config: CanaryConfig): Promise<SharedConfigVersion> =>
      (await axios.post<SharedConfigVersion>(root, { application, name, config }, opts)).data,
    update: async (name: string, config: CanaryConfig): Promise<SharedConfigVersion> =>
      (await axios.put<SharedConfigVersion>(`${root}/${encodeURIComponent(name)}`, { config }, opts)).data,
  };
}
