-- Who takes part in each task (db/sync/policy.ts, scope { task }): its creator, and every
-- holder and sender of a step of it. Rows of a task carry the audience 'task:<id>'; a pull
-- sends them to the people named here. `seq` is the change that made the person part of
-- the task: a desk whose cursor was before it is sent the task's earlier changes as well.
CREATE TABLE task_access (
  audience TEXT NOT NULL,
  user_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (audience, user_id)
);
CREATE INDEX task_access_by_user ON task_access (user_id, seq);
-- A task's earlier changes, found by their audience (only rows limited to some people have one).
CREATE INDEX changes_by_audience ON changes (audience, seq) WHERE audience IS NOT NULL;
