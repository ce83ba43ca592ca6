-- Wrong passwords per username (case-folded), for the slow-down on /auth/sign-in and
-- /auth/verify. Kept here, not in a process, so every instance on this database counts the
-- same attempts. A right password deletes the row; an attempt is counted before the
-- password is checked (see server/accounts/attempts.ts).
CREATE TABLE sign_in_attempts (
  username TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  last_failed_at INTEGER NOT NULL
);
-- Names quiet for an hour after their longest wait are deleted on each attempt (QUIET_MS):
-- found through this index, not by reading every row.
CREATE INDEX sign_in_attempts_by_last_failed ON sign_in_attempts (last_failed_at);
