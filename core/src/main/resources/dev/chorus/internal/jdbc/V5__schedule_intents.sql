CREATE TABLE chorus_schedule_intent (
  workspace_id VARCHAR(200) NOT NULL,
  post_id VARCHAR(200) NOT NULL,
  account_id VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (workspace_id, post_id, account_id)
);
CREATE TABLE chorus_workspace_scheduling (
  workspace_id VARCHAR(200) NOT NULL PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE chorus_account_scheduling (
  workspace_id VARCHAR(200) NOT NULL,
  account_id VARCHAR(200) NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (workspace_id, account_id)
)
