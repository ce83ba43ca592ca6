-- Calendars, appointments and everything around them (main/calendar/).

-- Rooms gain their equipment (JSON array of strings: "projector", "whiteboard", …).
ALTER TABLE rooms ADD COLUMN equipment TEXT NOT NULL DEFAULT '[]';

-- A calendar: a manager's, the staff's, the occasions (official holidays).
CREATE TABLE calendars (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  colour TEXT NOT NULL,                     -- #rrggbb
  kind TEXT NOT NULL CHECK (kind IN ('regular', 'occasions')),
  owner_id TEXT REFERENCES users (id),      -- read-write for its owner
  default_access TEXT NOT NULL DEFAULT 'none' CHECK (default_access IN ('none', 'read', 'read-write')),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);

-- Access per user or per group. A user's own entry wins over their groups' (even 'none');
-- among groups the widest wins; with no entry the calendar's default applies.
CREATE TABLE calendar_access (
  id TEXT PRIMARY KEY,
  calendar_id TEXT NOT NULL REFERENCES calendars (id),
  user_id TEXT REFERENCES users (id),
  group_id TEXT REFERENCES groups (id),
  access TEXT NOT NULL CHECK (access IN ('none', 'read', 'read-write')),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER,
  CHECK ((user_id IS NULL) <> (group_id IS NULL))
);
CREATE INDEX calendar_access_by_calendar ON calendar_access (calendar_id) WHERE deleted_at IS NULL;

-- An appointment, or a repeating series of them. Times are UTC epoch ms with the zone they
-- were made in; all-day items are dates (inclusive) and their instants in that zone.
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  calendar_id TEXT NOT NULL REFERENCES calendars (id),
  subject TEXT NOT NULL,
  description TEXT,
  coordinator_id TEXT REFERENCES users (id),
  all_day INTEGER NOT NULL DEFAULT 0,
  start_at INTEGER NOT NULL,                -- first start (DTSTART)
  end_at INTEGER NOT NULL,                  -- first end
  start_date TEXT,                          -- all-day: first date, YYYY-MM-DD
  end_date TEXT,                            -- all-day: last date of the first occurrence
  zone TEXT NOT NULL,                       -- IANA zone, e.g. Asia/Tehran
  location_kind TEXT NOT NULL DEFAULT 'none' CHECK (location_kind IN ('none', 'room', 'customer', 'text')),
  room_id TEXT REFERENCES rooms (id),
  location_text TEXT,
  identity_id TEXT REFERENCES identities (id),   -- the related identity (customer)
  rrule TEXT,                               -- RFC 5545 RRULE (RFC 7529 RSCALE for Jalali months)
  series_end_at INTEGER NOT NULL,           -- end of the last occurrence (series are bounded)
  ical_uid TEXT,                            -- UID of an imported event, kept for round trips
  sequence INTEGER NOT NULL DEFAULT 0,      -- iCalendar SEQUENCE: bumped on every change
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER                        -- cancelled
);
CREATE INDEX appointments_by_calendar ON appointments (calendar_id, start_at) WHERE deleted_at IS NULL;
CREATE INDEX appointments_by_identity ON appointments (identity_id, start_at) WHERE identity_id IS NOT NULL;
CREATE INDEX appointments_by_coordinator ON appointments (coordinator_id, start_at) WHERE deleted_at IS NULL;
CREATE INDEX appointments_by_updated ON appointments (updated_at);
CREATE INDEX appointments_by_uid ON appointments (ical_uid) WHERE ical_uid IS NOT NULL;

-- One occurrence of a series changed or cancelled. NULL fields keep the series' value.
CREATE TABLE appointment_exceptions (
  id TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments (id),
  occurrence_start INTEGER NOT NULL,        -- the occurrence's start as the rule made it (RECURRENCE-ID)
  cancelled INTEGER NOT NULL DEFAULT 0,
  start_at INTEGER,
  end_at INTEGER,
  subject TEXT,
  description TEXT,
  location_kind TEXT CHECK (location_kind IN ('none', 'room', 'customer', 'text')),
  room_id TEXT REFERENCES rooms (id),
  location_text TEXT,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX appointment_exceptions_one ON appointment_exceptions (appointment_id, occurrence_start) WHERE deleted_at IS NULL;

-- Users, identities or ad-hoc contacts invited; `mandatory` blocks double-booking them.
CREATE TABLE appointment_attendees (
  id TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments (id),
  kind TEXT NOT NULL CHECK (kind IN ('user', 'identity', 'adhoc')),
  user_id TEXT REFERENCES users (id),
  identity_id TEXT REFERENCES identities (id),
  name TEXT NOT NULL,                       -- as invited (ad-hoc: typed; others: their name then)
  phone TEXT,
  email TEXT,
  fax TEXT,
  mandatory INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined', 'maybe', 'attended', 'absent')),
  responded_at INTEGER,
  responded_by TEXT,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER,
  CHECK ((kind = 'user') = (user_id IS NOT NULL) AND (kind = 'identity') = (identity_id IS NOT NULL))
);
CREATE INDEX appointment_attendees_by_appointment ON appointment_attendees (appointment_id) WHERE deleted_at IS NULL;
CREATE INDEX appointment_attendees_by_user ON appointment_attendees (user_id, appointment_id) WHERE deleted_at IS NULL AND user_id IS NOT NULL;
CREATE INDEX appointment_attendees_by_identity ON appointment_attendees (identity_id, appointment_id) WHERE deleted_at IS NULL AND identity_id IS NOT NULL;

-- Saving over a conflict needs an explicit override; each one is recorded with what it overrode.
CREATE TABLE calendar_conflict_overrides (
  id TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments (id),
  conflicts TEXT NOT NULL,                  -- JSON: the clashes the person saw
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX calendar_conflict_overrides_by_appointment ON calendar_conflict_overrides (appointment_id);

-- Official holidays and occasions, per Jalali year; `day_off` marks days off.
CREATE TABLE occasions (
  id TEXT PRIMARY KEY,
  year INTEGER NOT NULL,                    -- Jalali year
  date TEXT NOT NULL,                       -- Gregorian YYYY-MM-DD
  jalali_date TEXT NOT NULL,                -- YYYY-MM-DD
  title_fa TEXT NOT NULL,
  title_en TEXT,
  day_off INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL CHECK (kind IN ('solar', 'lunar', 'gregorian', 'closure')),
  uncertain INTEGER NOT NULL DEFAULT 0,     -- flagged by the data's sources (main/calendar/data/README.md)
  note TEXT,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX occasions_by_date ON occasions (date) WHERE deleted_at IS NULL;
CREATE INDEX occasions_by_year ON occasions (year, date) WHERE deleted_at IS NULL;

-- System message templates: one per event and channel, with smart parameters ({subject}, …).
CREATE TABLE message_templates (
  id TEXT PRIMARY KEY,
  event TEXT NOT NULL,                      -- e.g. calendar.invitation.created
  channel TEXT NOT NULL CHECK (channel IN ('inapp', 'sms', 'email')),
  subject TEXT,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX message_templates_one ON message_templates (event, channel) WHERE deleted_at IS NULL;

-- Invitations sent: in-app ones are delivered (the bell reads them), SMS and email ones wait
-- as 'queued' for the correspondence channels.
CREATE TABLE calendar_messages (
  id TEXT PRIMARY KEY,
  appointment_id TEXT NOT NULL REFERENCES appointments (id),
  attendee_id TEXT REFERENCES appointment_attendees (id),
  event TEXT NOT NULL CHECK (event IN ('created', 'changed', 'cancelled')),
  channel TEXT NOT NULL CHECK (channel IN ('inapp', 'sms', 'email')),
  user_id TEXT REFERENCES users (id),       -- in-app: the recipient
  address TEXT,                             -- sms: the number; email: the address
  subject TEXT,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('delivered', 'queued', 'sent', 'failed')),
  read_at INTEGER,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX calendar_messages_inbox ON calendar_messages (user_id, created_at DESC) WHERE channel = 'inapp' AND deleted_at IS NULL;
CREATE INDEX calendar_messages_queued ON calendar_messages (channel, created_at) WHERE status = 'queued';

-- Office-wide calendar settings (synced): weekend days, working hours, the office's zone.
-- `id` is the setting's name.
CREATE TABLE calendar_settings (
  id TEXT PRIMARY KEY,
  value TEXT NOT NULL,                      -- JSON
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);

-- What each user sees in "my work calendar": the calendars shown, the view, the hours.
CREATE TABLE calendar_preferences (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  shown TEXT NOT NULL DEFAULT 'null',       -- JSON array of calendar ids; null = every readable one
  view TEXT NOT NULL DEFAULT 'week',
  hours TEXT NOT NULL DEFAULT 'working' CHECK (hours IN ('working', 'all')),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX calendar_preferences_user ON calendar_preferences (user_id) WHERE deleted_at IS NULL;

-- Derived, never synced (like the search index): every occurrence of every appointment,
-- rebuilt from appointments + exceptions whenever they change. Lists, conflict checks and
-- free slots read index ranges here instead of expanding thousands of rules per request.
CREATE TABLE appointment_occurrences (
  appointment_id TEXT NOT NULL,
  original INTEGER NOT NULL,                -- the occurrence's key (its start as the rule made it)
  calendar_id TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  room_id TEXT,
  subject TEXT NOT NULL,
  location_text TEXT,
  changed INTEGER NOT NULL DEFAULT 0,       -- an exception changed this occurrence
  all_day INTEGER NOT NULL DEFAULT 0,       -- copied from the appointment: lists read one table
  recurring INTEGER NOT NULL DEFAULT 0,
  indexed_at INTEGER NOT NULL,              -- the appointment's updated_at when indexed: stale rows are found at start
  PRIMARY KEY (appointment_id, original)
) WITHOUT ROWID;
CREATE INDEX appointment_occurrences_by_start ON appointment_occurrences (start_at);
CREATE INDEX appointment_occurrences_by_room ON appointment_occurrences (room_id, start_at) WHERE room_id IS NOT NULL;
