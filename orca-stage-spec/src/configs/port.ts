/**
 * Shared canary configs: named, versioned canary configs per application that many stages point at (Kayenta keeps
 * such a library per application; spinnaker/kayenta `CanaryConfigController`). Every update adds a version; a
 * stage references `{name, version}` (a number, or "latest" resolved when the judgment is created), and every
 * judgment that used a config is recorded, so a config still in use cannot be deleted.
 */
import type { CanaryConfig } from '@canary-judge/shared';

/** One stored version of a shared config. */
export interface StoredCanaryConfig {
  name: string;
  version: number;
  application: string;
  config: CanaryConfig;
  createdMs: number;
}

/** A config as listed: its versions and how many judgments used it. */
export interface CanaryConfigSummary {
  name: string;
  application: string;
  latestVersion: number;
  versions: number[];
  updatedMs: number;
  /** Judgments that used any version of this config (the references the service knows of). */
  references: number;
}

/** Storage of shared configs (SQLite: `sqlite.ts`, PostgreSQL: `postgres.ts`, schema `003_canary_configs.sql`). */
export interface CanaryConfigStore {
  /** Creates version 1; null when the name exists already. */
  create(application: string, name: string, config: CanaryConfig, nowMs: number): Promise<StoredCanaryConfig | null>;
  /** Adds the next version of an existing config; null when the name is unknown. */
  addVersion(name: string, config: CanaryConfig, nowMs: number): Promise<StoredCanaryConfig | null>;
  /** Every config (of one application when given), by name. */
  list(application: string | null): Promise<CanaryConfigSummary[]>;
  /** One version, or the latest; null when the name or version is unknown. */
  get(name: string, version: number | 'latest'): Promise<StoredCanaryConfig | null>;
  /** Number of judgments recorded as using the config. */
  references(name: string): Promise<number>;
  /** Records that a judgment used a config version (idempotent per judgment). */
  recordUse(name: string, version: number, judgmentKey: string, nowMs: number): Promise<void>;
  /** Deletes every version (callers check {@link references} first); false when unknown. */
  delete(name: string): Promise<boolean>;
  /** Closes the connection. */
  close(): Promise<void>;
}

/** Rows as both SQL adapters read them. */
export interface ConfigRow {
  name: string;
  version: number;
  application: string;
  config_json: string;
  created_ms: number | string;
}

/** A row → a stored config. */
export function toStoredConfig(r: ConfigRow): StoredCanaryConfig {
  return {
    name: r.name,
    version: Number(r.version),
    application: r.application,
    config: JSON.parse(r.config_json) as CanaryConfig,
    createdMs: Number(r.created_ms),
  };
}

/** Rows of one listing query (one per version, with the use count) → summaries by name. */
export function toSummaries(
  rows: ReadonlyArray<{
    name: string;
    version: number;
    application: string;
    created_ms: number | string;
    uses: number | string;
  }>,
): CanaryConfigSummary[] {
  const out = new Map<string, CanaryConfigSummary>();
  for (const r of rows) {
    const s = out.get(r.name) ?? {
      name: r.name,
      application: r.application,
      latestVersion: 0,
      versions: [],
      updatedMs: 0,
      references: Number(r.uses),
    };
    s.versions.push(Number(r.version));
    if (Number(r.version) > s.latestVersion) {
      s.latestVersion = Number(r.version);
      s.application = r.application;
    }
    s.updatedMs = Math.max(s.updatedMs, Number(r.created_ms));
    out.set(r.name, s);
  }
  return [...out.values()].map((s) => ({ ...s, versions: s.versions.sort((a, b) => a - b) }));
}
