CREATE TABLE positions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  email TEXT,
  mobile TEXT,
  extension TEXT,                           -- PBX extension, for the softphone
  position_id TEXT REFERENCES positions (id),
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX users_username ON users (username) WHERE deleted_at IS NULL;

-- Groups and departments share one table; a department may sit under another.
CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('group', 'department')),
  parent_id TEXT REFERENCES groups (id),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);

CREATE TABLE group_members (
  id TEXT PRIMARY KEY,
  group_id TEXT NOT NULL REFERENCES groups (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX group_members_pair ON group_members (group_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX group_members_user ON group_members (user_id);

-- A role is a named set of permissions (JSON array of permission names).
CREATE TABLE roles (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  permissions TEXT NOT NULL,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);

CREATE TABLE user_roles (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (id),
  role_id TEXT NOT NULL REFERENCES roles (id),
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
CREATE UNIQUE INDEX user_roles_pair ON user_roles (user_id, role_id) WHERE deleted_at IS NULL;

-- Managed rooms (meeting rooms, halls); the calendar books them.
CREATE TABLE rooms (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  capacity INTEGER,
  location TEXT,
  created_at INTEGER NOT NULL, created_by TEXT,
  updated_at INTEGER NOT NULL, updated_by TEXT,
  deleted_at INTEGER
);
