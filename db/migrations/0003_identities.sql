-- Persons and organisations. `rid` is a local integer key (stable under VACUUM) used only
-- as the full-text index's rowid; `id` is the UUIDv7 every other table and sync use.
CREATE TABLE identities (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  honorific TEXT,
  first_name TEXT,
  last_name TEXT,
  organisation_name TEXT,
  organisation_id TEXT REFERENCES identities (id),
  job_title TEXT,
  display_name TEXT NOT NULL,             -- derived: what lists and popups show
  sort_key TEXT NOT NULL,                 -- derived: normalised display name, for ordering
  tags TEXT NOT NULL DEFAULT '[]',        -- JSON array of strings
  notes TEXT,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX identities_by_name ON identities (sort_key, id) WHERE deleted_at IS NULL;
CREATE INDEX identities_by_organisation ON identities (organisation_id) WHERE organisation_id IS NOT NULL;
CREATE INDEX identities_by_updated ON identities (updated_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE identity_phones (
  id TEXT PRIMARY KEY,
  identity_id TEXT NOT NULL REFERENCES identities (id),
  kind TEXT NOT NULL CHECK (kind IN ('mobile', 'work', 'home', 'fax', 'other')),
  number TEXT NOT NULL,                   -- as typed
  e164 TEXT,                              -- normalised (+98…); NULL when not a valid number
  display TEXT NOT NULL,                  -- derived: national form (0912 123 4567) or as typed
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
-- Caller-ID lookup: one index probe per incoming call.
CREATE INDEX identity_phones_e164 ON identity_phones (e164) WHERE deleted_at IS NULL;
CREATE INDEX identity_phones_identity ON identity_phones (identity_id);

CREATE TABLE identity_emails (
  id TEXT PRIMARY KEY,
  identity_id TEXT NOT NULL REFERENCES identities (id),
  kind TEXT NOT NULL CHECK (kind IN ('work', 'personal', 'other')),
  address TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX identity_emails_identity ON identity_emails (identity_id);
CREATE INDEX identity_emails_address ON identity_emails (address COLLATE NOCASE) WHERE deleted_at IS NULL;

CREATE TABLE identity_addresses (
  id TEXT PRIMARY KEY,
  identity_id TEXT NOT NULL REFERENCES identities (id),
  kind TEXT NOT NULL CHECK (kind IN ('work', 'home', 'postal', 'other')),
  line TEXT NOT NULL,
  city TEXT,
  postal_code TEXT,
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX identity_addresses_identity ON identity_addresses (identity_id);

-- Names, emails and phone digits, normalised (see db/text.ts) before indexing and querying.
CREATE VIRTUAL TABLE identity_fts USING fts5 (
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
