-- The softphone: every call's record (synced, shown in the call history and in the
-- identity's history), each user's screen-pop choice (synced with the user), and this
-- desk's SIP account (device-local, like settings: its password is sealed with a key of
-- this device and means nothing elsewhere).
CREATE TABLE call_records (
  id TEXT PRIMARY KEY,                     -- also the call's id while it lasts
  direction TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
  number TEXT NOT NULL,                    -- the other side's number (digits) or SIP user, plain text
  e164 TEXT,                               -- the number read as E.164, when it is a phone number
  remote_name TEXT,                        -- the display name the network sent, plain text
  identity_id TEXT REFERENCES identities (id),
  user_id TEXT,                            -- the desk's user who had the call
  sip_call_id TEXT,
  started_at INTEGER NOT NULL,
  answered_at INTEGER,
  ended_at INTEGER,
  duration_ms INTEGER,                     -- answered → ended
  outcome TEXT CHECK (outcome IN ('answered', 'missed', 'rejected', 'busy', 'failed')), -- NULL while it lasts
  transferred_to TEXT,
  subject TEXT,                            -- the post-call log form
  summary TEXT,
  follow_up_at INTEGER,
  follow_up_note TEXT,
  logged_at INTEGER,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
-- The call history, newest first, keyset-paged; by direction; unanswered incoming calls.
CREATE INDEX call_records_by_time ON call_records (started_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX call_records_by_direction ON call_records (direction, started_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX call_records_unanswered ON call_records (started_at DESC, id DESC)
  WHERE deleted_at IS NULL AND direction = 'incoming' AND outcome IN ('missed', 'busy');
-- An identity's history.
CREATE INDEX call_records_by_identity ON call_records (identity_id, started_at DESC, id DESC)
  WHERE deleted_at IS NULL AND identity_id IS NOT NULL;

CREATE TABLE phone_preferences (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL UNIQUE,
  screen_pop TEXT NOT NULL DEFAULT 'profile' CHECK (screen_pop IN ('profile', 'new-item', 'nothing')),
  screen_pop_item TEXT NOT NULL DEFAULT 'note',
  history_seen_at INTEGER NOT NULL DEFAULT 0, -- missed calls after this are "new" (the badge)
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);

-- One row: this desk's SIP account. Not a record (no outbox, never synced).
CREATE TABLE phone_account (
  slot INTEGER PRIMARY KEY CHECK (slot = 1),
  server TEXT NOT NULL,
  sip_user TEXT NOT NULL,
  auth_user TEXT,
  password_sealed TEXT,
  domain TEXT,
  display_name TEXT,
  trusted_ca_pem TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  dnd INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);
