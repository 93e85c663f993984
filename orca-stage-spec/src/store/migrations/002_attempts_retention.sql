-- Canary Judge store, PostgreSQL schema version 2 (additive: a replica still on version 1 keeps working).
-- "Restart stage": judgments carry their attempt number and whether a terminal status was served to a poll; earlier
-- attempts are archived in judgment_attempts (their judgment row and intervals as JSON text).
-- Retention: finished judgments are found by completion time.
ALTER TABLE judgments ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1;
ALTER TABLE judgments ADD COLUMN terminal_served BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX judgments_finished ON judgments (completed_ms) WHERE status <> 'RUNNING';

CREATE TABLE judgment_attempts (
  judgment_key TEXT NOT NULL REFERENCES judgments (key),
  attempt INTEGER NOT NULL,
  judgment_json TEXT NOT NULL,
  intervals_json TEXT NOT NULL,
  PRIMARY KEY (judgment_key, attempt)
);
