-- Device-local settings (never synced): the device id, the signed-in user, preferences.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Every local change, one row per changed record, written in the same transaction as the
-- change itself. The sync client pushes rows whose pushed_at is NULL; the change log of a
-- record reads the rows whose root is that record.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id  TEXT NOT NULL UNIQUE,          -- UUIDv7; makes pushes idempotent
  tx_id      TEXT NOT NULL,                 -- one user action = one transaction
  table_name TEXT NOT NULL,
  row_id     TEXT NOT NULL,
  op         TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  fields     TEXT NOT NULL,                 -- JSON: the changed fields, new values
  previous   TEXT,                          -- JSON: the same fields before the change
  hlc        TEXT NOT NULL,
  author     TEXT,                          -- user id, NULL for the system
  at         INTEGER NOT NULL,              -- epoch ms UTC
  root_table TEXT NOT NULL,                 -- the record the action was about
  root_id    TEXT NOT NULL,
  pushed_at  INTEGER
);
CREATE INDEX outbox_root ON outbox (root_table, root_id, seq);
CREATE INDEX outbox_unpushed ON outbox (seq) WHERE pushed_at IS NULL;
