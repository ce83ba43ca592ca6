-- Tasks, referrals, announcements, follow-ups, reminders and in-app messages (issue 8).
-- Items of other capabilities are referenced as (item_kind, item_id): a kind is whatever a
-- capability registers in the item registry (task, identity, appointment, call, …), so
-- these tables name no other capability's table.

-- An announcement: one notice sent to many people, each of whom gets a task of their own.
CREATE TABLE announcements (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  body TEXT,
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  deadline_at INTEGER,
  deadline_time INTEGER NOT NULL DEFAULT 0,   -- 1: the deadline has a time of day
  audience TEXT NOT NULL,                      -- JSON: {everyone} or {userIds, groupIds}, as chosen
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX announcements_by_author ON announcements (created_by, id) WHERE deleted_at IS NULL;

CREATE TABLE tasks (
  id TEXT PRIMARY KEY,
  subject TEXT NOT NULL,
  description TEXT,
  priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  deadline_at INTEGER,
  deadline_time INTEGER NOT NULL DEFAULT 0,
  identity_id TEXT,                            -- the related identity, if any
  item_kind TEXT,                              -- the related item of another kind, if any
  item_id TEXT,
  announcement_id TEXT REFERENCES announcements (id),
  cancelled_at INTEGER,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX tasks_by_creator ON tasks (created_by, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_identity ON tasks (identity_id, created_at DESC, id DESC) WHERE identity_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX tasks_by_announcement ON tasks (announcement_id) WHERE announcement_id IS NOT NULL;

-- Who holds a task: one row per person, made when the task is assigned (parent_id NULL,
-- sender = creator) or referred to them (parent_id = the sender's own row). The rows form
-- the referral chain; each row has its own status, deadline and instruction.
CREATE TABLE task_assignments (
  id TEXT PRIMARY KEY,                         -- UUIDv7: also the cartable's paging key
  task_id TEXT NOT NULL REFERENCES tasks (id),
  holder_id TEXT NOT NULL REFERENCES users (id),
  sender_id TEXT REFERENCES users (id),
  parent_id TEXT REFERENCES task_assignments (id),
  via_group_id TEXT REFERENCES groups (id),    -- sent to a group: which one, for the chain
  mode TEXT NOT NULL CHECK (mode IN ('original', 'copy', 'hidden')),
  instruction TEXT,
  deadline_at INTEGER,
  deadline_time INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('unseen', 'seen', 'in_progress', 'referred', 'done', 'cancelled')),
  seen_at INTEGER,
  done_at INTEGER,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX task_assignments_by_holder ON task_assignments (holder_id, id) WHERE deleted_at IS NULL;
CREATE INDEX task_assignments_by_sender ON task_assignments (sender_id, id) WHERE deleted_at IS NULL;
CREATE INDEX task_assignments_open_by_deadline ON task_assignments (deadline_at)
  WHERE deleted_at IS NULL AND status IN ('unseen', 'seen', 'in_progress');
CREATE INDEX task_assignments_by_task ON task_assignments (task_id, id);

-- A follow-up on any item: a note, a next date, done or not. identity_id is the identity
-- the item belongs to (asked of the item's kind when written), for the identity's history.
CREATE TABLE followups (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id),
  item_kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  identity_id TEXT,
  note TEXT NOT NULL,
  next_at INTEGER,
  next_time INTEGER NOT NULL DEFAULT 0,
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at INTEGER,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX followups_open_by_owner ON followups (owner_id, next_at) WHERE done = 0 AND deleted_at IS NULL;
CREATE INDEX followups_by_item ON followups (item_kind, item_id, id);
CREATE INDEX followups_by_identity ON followups (identity_id, created_at DESC, id DESC) WHERE identity_id IS NOT NULL AND deleted_at IS NULL;

-- A reminder on any item at a day and time. pending → fired (a popup stays until handled)
-- → dismissed; snooze puts a fired reminder back to pending at a later time.
CREATE TABLE reminders (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id),
  item_kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  note TEXT,
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'fired', 'dismissed')),
  fired_at INTEGER,
  late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
-- The scheduler's one query: the earliest pending reminder. A partial index keeps it one
-- probe however many reminders were ever handled.
CREATE INDEX reminders_next_due ON reminders (due_at, id) WHERE state = 'pending' AND deleted_at IS NULL;
CREATE INDEX reminders_fired_by_owner ON reminders (owner_id, fired_at) WHERE state = 'fired' AND deleted_at IS NULL;
CREATE INDEX reminders_by_item ON reminders (item_kind, item_id, owner_id);

-- In-app system messages (the bell): task assigned, task referred, appointment invitation…
-- `kind` names the sentence (the renderer's translation), `params` fills it.
CREATE TABLE inbox_messages (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL,
  params TEXT NOT NULL,                        -- JSON object of strings and numbers
  link_kind TEXT,                              -- the item it opens, if any
  link_id TEXT,
  read_at INTEGER,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE INDEX inbox_by_user ON inbox_messages (user_id, id) WHERE deleted_at IS NULL;
CREATE INDEX inbox_unread_by_user ON inbox_messages (user_id) WHERE read_at IS NULL AND deleted_at IS NULL;
