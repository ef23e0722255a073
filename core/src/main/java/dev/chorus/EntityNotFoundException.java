package dev.chorus;

import dev.chorus.model.WorkspaceId;

/**
 * No entity of this kind and id exists in the caller's workspace. Thrown the same way, with the
 * same message, whether the id never existed or belongs to another workspace, so that nothing about
 * other tenants leaks.
 */
public class EntityNotFoundException extends ChorusException {

  private final String kind;
  private final String id;
  private final WorkspaceId workspace;

  /**
   * No {@code kind} (post, account, campaign, audience, workspace) with this id in the workspace.
   */
  public EntityNotFoundException(String kind, Object id, WorkspaceId workspace) {
    super(kind + " " + id + " not found in workspace " + workspace);
    this.kind = kind;
    this.id = String.valueOf(id);
    this.workspace = workspace;
  }

  /** The kind of entity: post, account, campaign, audience or workspace. */
  public String kind() {
    return kind;
  }

  /** The id that was looked up. */
  public String id() {
    return id;
  }

  /** The workspace it was looked up in. */
  public WorkspaceId workspace() {
    return workspace;
  }
}
