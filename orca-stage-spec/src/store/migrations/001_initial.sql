-- Canary Judge store, PostgreSQL schema version 1: judgments, their planned intervals (one row per interval,
-- claimed with a lease), and a key/value table (e.g. the accelerated clock's origin shared by every replica).
-- JSON documents are kept as text, byte for byte as the service wrote them (the same as the SQLite adapter).
CREATE TABLE judgments (
  key TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  request_json TEXT NOT NULL,
  status TEXT NOT NULL,
  verdict TEXT,
  score DOUBLE PRECISION,
  error_json TEXT,
  warnings_json TEXT NOT NULL,
  intervals_planned INTEGER NOT NULL,
  deadline_ms BIGINT NOT NULL,
  created_ms BIGINT NOT NULL,
  updated_ms BIGINT NOT NULL,
  completed_ms BIGINT
);
CREATE INDEX judgments_running ON judgments (status, deadline_ms);

CREATE TABLE intervals (
  judgment_key TEXT NOT NULL REFERENCES judgments (key),
  idx INTEGER NOT NULL,
  exp_start_ms BIGINT NOT NULL,
  exp_end_ms BIGINT NOT NULL,
  ctl_start_ms BIGINT NOT NULL,
  ctl_end_ms BIGINT NOT NULL,
  due_ms BIGINT NOT NULL,
  state TEXT NOT NULL,
  claim_owner TEXT,
  claim_expires_ms BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  score DOUBLE PRECISION,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  error_json TEXT,
  result_json TEXT,
  series_json TEXT,
  completed_ms BIGINT,
  PRIMARY KEY (judgment_key, idx)
);
CREATE INDEX intervals_due ON intervals (state, due_ms);

CREATE TABLE meta (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
