-- Free-text notes on any record; the first history source of an identity's timeline.
CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  subject_table TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  identity_id TEXT REFERENCES identities (id),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX notes_by_identity ON notes (identity_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX notes_by_subject ON notes (subject_table, subject_id, created_at DESC);
