package dev.chorus;

import dev.chorus.model.ActorId;
import dev.chorus.model.Permission;
import dev.chorus.model.WorkspaceId;

/**
 * An actor tried something its role in the workspace does not allow. Nothing was changed; asking
 * again only helps once a manager grants the permission.
 */
public class AccessDeniedException extends ChorusException {

  private final ActorId actor;
  private final Permission permission;
  private final WorkspaceId workspace;

  /** The actor lacks the permission in the workspace. */
  public AccessDeniedException(ActorId actor, Permission permission, WorkspaceId workspace) {
    this(actor, permission, workspace, null);
  }

  /**
   * The actor may not act in the workspace for the given reason (for example an approval step that
   * names another role).
   *
   * @param detail what else stood in the way, or {@code null}
   */
  public AccessDeniedException(ActorId actor, Permission permission, WorkspaceId workspace, String detail) {
    super(
        "actor " + actor + " lacks permission " + permission + " in workspace " + workspace
            + (detail == null ? "" : ": " + detail));
    this.actor = actor;
    this.permission = permission;
    this.workspace = workspace;
  }

  /** Who was refused. */
  public ActorId actor() {
    return actor;
  }

  /** The permission that was needed. */
  public Permission permission() {
    return permission;
  }

  /** Where. */
  public WorkspaceId workspace() {
    return workspace;
  }
}
