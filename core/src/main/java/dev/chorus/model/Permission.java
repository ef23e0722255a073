package dev.chorus.model;

/** One thing an actor may do inside a workspace. Roles are named sets of these. */
public enum Permission {
  /** Rename the workspace, change its approval policy, manage members. */
  WORKSPACE_MANAGE,
  /** Connect, change and disconnect social accounts. */
  ACCOUNT_MANAGE,
  /** Read posts, campaigns, audiences and the calendar. */
  CONTENT_READ,
  /** Create and edit drafts. */
  POST_CREATE,
  /** Send a draft for review. */
  POST_SUBMIT,
  /** Approve or reject a post in review. */
  POST_APPROVE,
  /** Schedule approved posts, pause and resume them. */
  POST_SCHEDULE,
  /** Cancel or delete posts, including published ones. */
  POST_DELETE,
  /** Create and change campaigns and their budgets. */
  CAMPAIGN_MANAGE,
  /** Create and change audiences. */
  AUDIENCE_MANAGE,
  /** Read metrics, KPIs and reports. */
  METRICS_READ,
  /** Read the inbox. */
  INBOX_READ,
  /** Reply to, assign and moderate interactions. */
  INBOX_REPLY,
  /** Read the audit trail. */
  AUDIT_READ
}
