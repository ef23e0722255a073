package dev.chorus.workflow;

import dev.chorus.InvalidValueException;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.Role;
import dev.chorus.model.WorkspaceId;
import java.util.HashMap;
import java.util.Map;

/** The members of a session's workspace. Reading needs CONTENT_READ, changing WORKSPACE_MANAGE. */
public final class Members {

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Members(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /** Every member and its role. */
  public Map<ActorId, Role> list() {
    return workflow.authorize(actor, workspace, Permission.CONTENT_READ).workspace().members();
  }

  /** Gives the actor the role, replacing any role it held. */
  public void grant(ActorId member, Role role) {
    Checks.required("member", member);
    Checks.required("role", role);
    workflow.authorize(actor, workspace, Permission.WORKSPACE_MANAGE);
    workflow.updateWorkspace(workspace, w -> w.withMember(member, role));
  }

  /**
   * Removes the actor from the workspace.
   *
   * @throws InvalidValueException if it would leave no member able to manage the workspace
   */
  public void revoke(ActorId member) {
    Checks.required("member", member);
    workflow.authorize(actor, workspace, Permission.WORKSPACE_MANAGE);
    workflow.updateWorkspace(
        workspace,
        w -> {
          Map<ActorId, Role> copy = new HashMap<>(w.members());
          copy.remove(member);
          if (copy.values().stream().noneMatch(r -> r.allows(Permission.WORKSPACE_MANAGE))) {
            throw new InvalidValueException("member", member, "is the last member who can manage the workspace");
          }
          return new dev.chorus.model.Workspace(w.id(), w.name(), w.timeZone(), w.approvalPolicy(), copy);
        });
  }
}
