-- Wrong passwords per username (case-folded), for the slow-down on /auth/sign-in and
-- /auth/verify. Kept here, not in a process, so every instance on this database counts the
-- same attempts. A right password deletes the row; an attempt is counted before the
-- password is checked (see server/accounts/attempts.ts).
CREATE TABLE sign_in_attempts (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failed_at BIGINT NOT NULL
);
