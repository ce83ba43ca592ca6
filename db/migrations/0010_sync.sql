-- Sync client. The desk's change log becomes both the outbox (this desk's changes, until the
-- server has them) and the record of changes received from the server, and keeps only what
-- it must:
--  * an insert stores no values: the row holds them, and the values it was created with
--    are the row's, except where a later change's `previous` says otherwise;
--  * an update or delete stores the changed fields, new and old;
--  * the change's id when pushed is its HLC (unique per desk, and still unique after the
--    store is restored from a backup, since time has moved on), not a separate UUID.
CREATE TABLE outbox_0010 (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  tx_id       TEXT NOT NULL,                -- one user action = one transaction
  table_name  TEXT NOT NULL,
  row_id      TEXT NOT NULL,
  op          TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  fields      TEXT,                         -- JSON: new values of the changed fields; NULL for an insert
  previous    TEXT,                         -- JSON: the same fields before the change
  hlc         TEXT NOT NULL,
  author      TEXT,                         -- user id, NULL for the system
  at          INTEGER NOT NULL,             -- epoch ms UTC
  root_table  TEXT NOT NULL,                -- the record the action was about
  root_id     TEXT NOT NULL,
  pushed_at   INTEGER,                      -- NULL: not yet on the server (or no server)
  server_seq  INTEGER,                      -- the server's sequence number of the change
  received    INTEGER,                      -- 1: made elsewhere, received from the server (the HLC names the desk)
  push_result TEXT                          -- JSON {status, code, message}: refused, conflict or kept local
);
INSERT INTO outbox_0010 (seq, tx_id, table_name, row_id, op, fields, previous, hlc, author, at, root_table, root_id, pushed_at)
  SELECT seq, tx_id, table_name, row_id, op, fields, previous, hlc, author, at, root_table, root_id, pushed_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_0010 RENAME TO outbox;
-- Root ids are UUIDs, unique across tables: the id alone finds a record's change log.
CREATE INDEX outbox_root ON outbox (root_id, seq);
CREATE INDEX outbox_unpushed ON outbox (seq) WHERE pushed_at IS NULL;
-- Last-writer-wins needs a row's later changes; inserts never compete, so they stay out.
CREATE INDEX outbox_row_changes ON outbox (row_id, seq) WHERE op <> 'insert';
-- A change the server numbered is recorded once (received, or pushed from here).
CREATE UNIQUE INDEX outbox_server_seq ON outbox (server_seq) WHERE server_seq IS NOT NULL;
-- The few changes the server refused or flagged, or that stay on this desk.
CREATE INDEX outbox_noted ON outbox (seq) WHERE push_result IS NOT NULL;

-- A change that lost its meaning in a merge (the same room booked twice offline, an edit of
-- a record another desk deleted): kept for the people named in it to decide. Synced; its id
-- is derived from what it is about, so two desks that find the same conflict make one record.
CREATE TABLE sync_conflicts (
  id            TEXT PRIMARY KEY,
  rule          TEXT NOT NULL,              -- message key of the rule that found it
  subject_table TEXT NOT NULL,
  subject_id    TEXT NOT NULL,
  other_table   TEXT,
  other_id      TEXT,
  parties       TEXT NOT NULL,              -- JSON array of user ids who should decide
  details       TEXT,                       -- JSON: parameters of the message
  resolved_at   INTEGER,
  resolved_by   TEXT,
  resolution    TEXT,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (created_at DESC) WHERE resolved_at IS NULL AND deleted_at IS NULL;
