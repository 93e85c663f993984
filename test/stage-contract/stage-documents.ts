/**
 * Loaders for the stage contract documents in `orca-stage-spec/` (stage example and schema, operator Orca config),
 * shared by the document tests and the conformance suite.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { PreconfiguredWebhook, StageJson } from '../orca-client';

const root = fileURLToPath(new URL('../../orca-stage-spec/', import.meta.url));

/** The documented stage JSON the Deck plugin writes (`stage/canary-judge-stage.example.json`), freshly parsed. */
export function loadStageExample(): StageJson {
  return JSON.parse(readFileSync(`${root}stage/canary-judge-stage.example.json`, 'utf8')) as StageJson;
}

/** The stage JSON Schema (`stage/canary-judge-stage.schema.json`). */
export function loadStageSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(`${root}stage/canary-judge-stage.schema.json`, 'utf8')) as Record<string, unknown>;
}

/** The operator's Orca config (`orca/orca-local.yml`), parsed. */
export interface OrcaLocal {
  webhook: {
    allowedRequestsEnabled?: boolean;
    allowedRequests?: { httpMethods: string[]; urlPrefix: string }[];
    preconfigured: PreconfiguredWebhook[];
    [key: string]: unknown;
  };
}

/** Reads and parses `orca/orca-local.yml`. */
export function loadOrcaLocal(): OrcaLocal {
  return parse(readFileSync(`${root}orca/orca-local.yml`, 'utf8')) as OrcaLocal;
}

/** The public base URL used in the documents (replaced by a loopback URL in tests). */
export const DOC_BASE_URL = 'https://canary-judge.example.com';

/**
 * Deep-copies `value`, replacing the documents' base URL in every string with `baseUrl` (to point the documented
 * stage or Orca config at a judge on 127.0.0.1).
 */
export function rebase<T>(value: T, baseUrl: string): T {
  return JSON.parse(JSON.stringify(value).split(DOC_BASE_URL).join(baseUrl)) as T;
}
