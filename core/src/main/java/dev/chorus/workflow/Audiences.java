package dev.chorus.workflow;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.AudienceId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.Audience;
import dev.chorus.model.WorkspaceId;
import java.util.List;

/** The audiences of a session's workspace. Reading needs CONTENT_READ, changing AUDIENCE_MANAGE. */
public final class Audiences {

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Audiences(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /**
   * Adds or replaces an audience of this workspace.
   *
   * @throws InvalidValueException if the audience names another workspace
   */
  public Audience save(Audience audience) {
    Checks.required("audience", audience);
    workflow.authorize(actor, workspace, Permission.AUDIENCE_MANAGE);
    if (!audience.workspaceId().equals(workspace)) {
      throw new InvalidValueException("audience.workspaceId", audience.workspaceId(), "must be the session's workspace " + workspace);
    }
    workflow.store().saveAudience(audience);
    return audience;
  }

  /**
   * The audience.
   *
   * @throws EntityNotFoundException if this workspace has no such audience
   */
  public Audience get(AudienceId id) {
    Checks.required("audienceId", id);
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().audience(workspace, id).orElseThrow(() -> new EntityNotFoundException("audience", id, workspace));
  }

  /** Every audience of the workspace, ordered by id. */
  public List<Audience> list() {
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().audiences(workspace);
  }

  /**
   * Removes the audience.
   *
   * @throws EntityNotFoundException if this workspace has no such audience
   */
  public void delete(AudienceId id) {
    Checks.required("audienceId", id);
    workflow.authorize(actor, workspace, Permission.AUDIENCE_MANAGE);
    if (!workflow.store().deleteAudience(workspace, id)) {
      throw new EntityNotFoundException("audience", id, workspace);
    }
  }
}
