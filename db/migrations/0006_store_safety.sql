-- Sign-in secrets of this device's users (issue 6). Device-local like `settings`: written
-- only by main/organisation/credentials.ts, never through the outbox, so a password hash is
-- never pushed anywhere by the sync client. One row per user who has a password.
CREATE TABLE user_credentials (
  user_id         TEXT PRIMARY KEY REFERENCES users (id),
  password_hash   TEXT NOT NULL,            -- $scrypt$ln=..,r=..,p=..$salt$hash (main/organisation/passwords.ts)
  set_at          INTEGER NOT NULL,         -- epoch ms UTC
  set_by          TEXT,                     -- the user who set it (the user or an administrator)
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  last_failed_at  INTEGER                   -- wrong attempts slow down (session.ts), also across restarts
);
