package dev.chorus.workflow;

import dev.chorus.model.ActorId;
import dev.chorus.model.ApprovalPolicy;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.Workspace;
import dev.chorus.model.WorkspaceId;

/**
 * One actor working in one workspace. Every call checks that the actor is a member and holds the
 * permission the call needs; an actor that is not a member sees the workspace as missing. Cheap to
 * create, immutable and thread-safe.
 */
public final class Session {

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Session(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /** Who acts. */
  public ActorId actor() {
    return actor;
  }

  /** Where. */
  public WorkspaceId workspaceId() {
    return workspace;
  }

  /** The workspace as stored (needs {@link Permission#CONTENT_READ}). */
  public Workspace workspace() {
    return workflow.authorize(actor, workspace, Permission.CONTENT_READ).workspace();
  }

  /** Replaces the workspace's approval policy (needs {@link Permission#WORKSPACE_MANAGE}). */
  public Workspace changeApprovalPolicy(ApprovalPolicy policy) {
    Checks.required("approvalPolicy", policy);
    workflow.authorize(actor, workspace, Permission.WORKSPACE_MANAGE);
    return workflow.updateWorkspace(workspace, w -> w.withApprovalPolicy(policy));
  }

  /** Drafts, reviews, schedules and audits posts. */
  public Posts posts() {
    return new Posts(workflow, actor, workspace);
  }

  /** The content calendar: query, export and import (needs a scheduler, as every {@code Chorus} has). */
  public Calendars calendar() {
    return new Calendars(workflow, actor, workspace);
  }

  /** The workspace's social accounts. */
  public Accounts accounts() {
    return new Accounts(workflow, actor, workspace);
  }

  /** The workspace's campaigns. */
  public Campaigns campaigns() {
    return new Campaigns(workflow, actor, workspace);
  }

  /** The workspace's audiences. */
  public Audiences audiences() {
    return new Audiences(workflow, actor, workspace);
  }

  /** The unified inbox of the workspace: conversations, replies, rules, SLAs and crisis mode. */
  public dev.chorus.inbox.Inbox inbox() {
    return workflow.inbox(actor, workspace);
  }

  /** Who belongs to the workspace and with which role. */
  public Members members() {
    return new Members(workflow, actor, workspace);
  }
}
