-- The change log kept compact (issue 10, store size). It held about 0.8 KB per identity
-- (UUIDs as 36 characters, HLCs as 59, table names spelled out in every row), as much as
-- the identity's own rows. The same facts now take about a third of that:
--  * ids (transaction, row, root) are 16-byte blobs when they are canonical lower-case
--    UUIDs, any other id stays text as it came (db/change-log.ts packs and unpacks them);
--  * table names, HLC nodes (desks) and authors (users) are numbers from change_names;
--  * the HLC is its wall time and counter as integers plus the node's number;
--  * `at` is NULL when it equals the HLC's wall time (nearly always);
--  * the root is NULL when the row is its own root (an identity's own changes);
--  * op is 0 insert, 1 update, 2 delete.
-- Each connection of the write path gets a TEMP view `outbox` that shows every row as before
-- (text ids, HLC strings, names; db/change-log.ts): readers that filter on seq, pushed_at,
-- server_seq or push_result use it; lookups by id use change_log with packed keys, so its
-- indexes serve them. The view is not stored in the file: a view in the schema makes
-- SQLite's quick_check skip its test for pages no tree uses (the start check needs it).
CREATE TABLE change_names (
  code INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE change_log (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  tx          BLOB NOT NULL,                -- one user action = one transaction
  tbl         INTEGER NOT NULL,             -- change_names
  row_id      BLOB NOT NULL,
  op          INTEGER NOT NULL CHECK (op IN (0, 1, 2)),
  fields      TEXT,                         -- JSON: new values of the changed fields; NULL for an insert
  previous    TEXT,                         -- JSON: the same fields before the change
  wall        INTEGER NOT NULL,             -- HLC: wall time (ms)
  counter     INTEGER NOT NULL,             -- HLC: counter
  node        INTEGER NOT NULL,             -- HLC: the desk that made the change (change_names)
  author      INTEGER,                      -- change_names: user id; NULL for the system
  at          INTEGER,                      -- epoch ms UTC; NULL: the HLC's wall time
  root_tbl    INTEGER,                      -- the record the action was about; NULL: this row
  root_id     BLOB,
  pushed_at   INTEGER,                      -- NULL: not yet on the server (or no server)
  server_seq  INTEGER,                      -- the server's sequence number of the change
  received    INTEGER,                      -- 1: made elsewhere, received from the server
  push_result TEXT                          -- JSON {status, code, message}: refused, conflict or kept local
);

INSERT OR IGNORE INTO change_names (name)
  SELECT table_name FROM outbox UNION SELECT root_table FROM outbox
  UNION SELECT substr(hlc, 24) FROM outbox UNION SELECT author FROM outbox WHERE author IS NOT NULL;

INSERT INTO change_log (seq, tx, tbl, row_id, op, fields, previous, wall, counter, node, author, at, root_tbl, root_id,
                        pushed_at, server_seq, received, push_result)
SELECT o.seq,
  CASE WHEN o.tx_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(o.tx_id, '-', '')) ELSE o.tx_id END,
  (SELECT code FROM change_names WHERE name = o.table_name),
  CASE WHEN o.row_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(o.row_id, '-', '')) ELSE o.row_id END,
  CASE o.op WHEN 'insert' THEN 0 WHEN 'update' THEN 1 ELSE 2 END,
  o.fields, o.previous,
  CAST(substr(o.hlc, 1, 15) AS INTEGER),
  (instr('0123456789abcdefghijklmnopqrstuvwxyz', substr(o.hlc, 17, 1)) - 1) * 60466176 + (instr('0123456789abcdefghijklmnopqrstuvwxyz', substr(o.hlc, 18, 1)) - 1) * 1679616 + (instr('0123456789abcdefghijklmnopqrstuvwxyz', substr(o.hlc, 19, 1)) - 1) * 46656 + (instr('0123456789abcdefghijklmnopqrstuvwxyz', substr(o.hlc, 20, 1)) - 1) * 1296 + (instr('0123456789abcdefghijklmnopqrstuvwxyz', substr(o.hlc, 21, 1)) - 1) * 36 + (instr('0123456789abcdefghijklmnopqrstuvwxyz', substr(o.hlc, 22, 1)) - 1) * 1,
  (SELECT code FROM change_names WHERE name = substr(o.hlc, 24)),
  (SELECT code FROM change_names WHERE name = o.author),
  CASE WHEN o.at = CAST(substr(o.hlc, 1, 15) AS INTEGER) THEN NULL ELSE o.at END,
  CASE WHEN o.root_table = o.table_name AND o.root_id = o.row_id THEN NULL ELSE (SELECT code FROM change_names WHERE name = o.root_table) END,
  CASE WHEN o.root_table = o.table_name AND o.root_id = o.row_id THEN NULL ELSE CASE WHEN o.root_id GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' THEN unhex(replace(o.root_id, '-', '')) ELSE o.root_id END END,
  o.pushed_at, o.server_seq, o.received, o.push_result
FROM outbox o ORDER BY o.seq;

DROP TABLE outbox;

-- A record's change log: its own changes and those whose root it is.
CREATE INDEX change_log_root ON change_log (coalesce(root_id, row_id), seq);
CREATE INDEX change_log_unpushed ON change_log (seq) WHERE pushed_at IS NULL;
-- Last-writer-wins needs a row's later changes; inserts never compete, so they stay out.
CREATE INDEX change_log_row_changes ON change_log (row_id, seq) WHERE op <> 0;
-- A change the server numbered is recorded once (received, or pushed from here).
CREATE UNIQUE INDEX change_log_server_seq ON change_log (server_seq) WHERE server_seq IS NOT NULL;
-- The few changes the server refused or flagged, or that stay on this desk.
CREATE INDEX change_log_noted ON change_log (seq) WHERE push_result IS NOT NULL;
