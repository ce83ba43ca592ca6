-- Name search whose cost follows the page, not the number of matches (issue 11).
-- Every listed identity gets a name-order label (labels increase with sort_key, id); both
-- full-text indexes use the label as their rowid, so FTS5 hands out hits in name order and a
-- page stops after its rows. The documents are built by main/identities/search-document.ts.
-- identity_fts is rebuilt with label rowids (it had identities.rid).
DROP TABLE identity_fts;

CREATE TABLE identity_name_order (
  label INTEGER PRIMARY KEY,
  rid INTEGER NOT NULL UNIQUE REFERENCES identities (rid)
);

-- Words: names, honorific, job title, tags, emails, phone numbers as whole digit runs, and
-- facet tokens for kind and tags. detail=none: only "which rows" is ever asked. The prefix
-- indexes make a typed word of up to 8 letters one index read; longer prefixes make FTS5
-- merge every matching term first (measured: "example" in a third of 1M rows, 38 ms).
CREATE VIRTUAL TABLE identity_fts USING fts5 (
  body,
  content = '',
  contentless_delete = 1,
  detail = none,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4 5 6 7 8'
);

-- The inner digits of phone numbers (suffixes of 4+ digits), so "4567" finds 0912 123 4567.
-- No prefix index: a run of 4+ digits inside a number is rare enough to merge.
CREATE VIRTUAL TABLE identity_digits USING fts5 (
  digits,
  content = '',
  contentless_delete = 1,
  detail = none,
  tokenize = 'unicode61'
);

-- Derived data to rebuild from the rows at the next start (SQL cannot build the documents).
CREATE TABLE pending_rebuilds (name TEXT PRIMARY KEY);
INSERT INTO pending_rebuilds (name) VALUES ('identity_fts');
