-- Accounts: the people who may sign in. Their profile (display name, roles, groups) lives in
-- the synced tables (rows of `users`, `user_roles`, …) like every desk's; this is only the
-- secret side.
CREATE TABLE accounts (
  user_id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,           -- scrypt$N$r$p$salt$hash
  created_at BIGINT NOT NULL,
  disabled_at BIGINT
);

-- Sign-in tokens, stored as SHA-256 of the token: a copy of this table signs nobody in.
CREATE TABLE tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES accounts (user_id),
  client_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);

-- Each desk (client id = its device id) belongs to the first user that signed in on it.
CREATE TABLE clients (
  client_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES accounts (user_id),
  first_seen BIGINT NOT NULL,
  last_seen BIGINT NOT NULL
);

-- The newest sequence number. Every push updates this one row, so pushes commit in the
-- order of their numbers and a pull never skips a change committed late.
CREATE TABLE head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL
);
INSERT INTO head (id, seq) VALUES (1, 0);

-- The authoritative change log: every accepted change, in order.
CREATE TABLE changes (
  seq BIGINT PRIMARY KEY,
  client_id TEXT,                        -- NULL: made by the server (admin, conflict records)
  change_id TEXT NOT NULL,
  tx_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL,
  fields TEXT NOT NULL,                  -- JSON
  hlc TEXT NOT NULL,
  at BIGINT NOT NULL,
  author TEXT,                           -- from the token, never from the desk
  root_table TEXT NOT NULL,
  root_id TEXT NOT NULL,
  audience TEXT,                         -- NULL: every reader of the table; else ' user user '
  conflict_id TEXT,
  received_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX changes_origin ON changes (client_id, change_id);

-- Every row's current state, merged field by field (last writer wins by HLC): what access
-- checks and conflict rules read.
CREATE TABLE rows (
  row_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  fields TEXT NOT NULL,                  -- JSON: current values
  clocks TEXT NOT NULL,                  -- JSON: field → HLC of its value
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_by TEXT,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT,
  deleted_by TEXT,
  audience TEXT,
  last_seq BIGINT NOT NULL,
  PRIMARY KEY (row_id, table_name)
);
CREATE INDEX rows_table ON rows (table_name);
