-- What each desk's user could read at its last pull (readable tables, calendars): when it
-- grows, the desk reads the log again from the start, so rows it could not see before arrive.
ALTER TABLE clients ADD COLUMN scope TEXT;

-- Calendar feeds: a secret, revocable address under which a calendar its owner may read is
-- served as iCalendar (a phone's calendar app subscribes to it). Only the secret's SHA-256
-- is kept.
CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  user_id TEXT NOT NULL REFERENCES accounts (user_id),
  calendar_id TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);
