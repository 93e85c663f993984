-- Canary Judge store, PostgreSQL schema version 3: shared canary configs (named, versioned, per application) and the
-- judgments that used them (a config still in use cannot be deleted). The same tables as the SQLite adapter
-- (orca-stage-spec/src/configs/sql.ts).
CREATE TABLE canary_configs (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  application TEXT NOT NULL,
  config_json TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (name, version)
);
CREATE INDEX canary_configs_application ON canary_configs (application);

CREATE TABLE canary_config_uses (
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  judgment_key TEXT NOT NULL,
  created_ms BIGINT NOT NULL,
  PRIMARY KEY (name, judgment_key)
);
