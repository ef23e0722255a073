package dev.chorus.workflow;

import dev.chorus.EntityNotFoundException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.ActorId;
import dev.chorus.model.Checks;
import dev.chorus.model.Permission;
import dev.chorus.model.SocialAccount;
import dev.chorus.model.WorkspaceId;
import java.util.List;

/** The social accounts of a session's workspace. Reading needs CONTENT_READ, changing ACCOUNT_MANAGE. */
public final class Accounts {

  private final Workflow workflow;
  private final ActorId actor;
  private final WorkspaceId workspace;

  Accounts(Workflow workflow, ActorId actor, WorkspaceId workspace) {
    this.workflow = workflow;
    this.actor = actor;
    this.workspace = workspace;
  }

  /**
   * Adds or replaces an account of this workspace.
   *
   * @throws InvalidValueException if the account names another workspace
   */
  public SocialAccount connect(SocialAccount account) {
    Checks.required("account", account);
    workflow.authorize(actor, workspace, Permission.ACCOUNT_MANAGE);
    if (!account.workspaceId().equals(workspace)) {
      throw new InvalidValueException("account.workspaceId", account.workspaceId(), "must be the session's workspace " + workspace);
    }
    workflow.store().saveAccount(account);
    return account;
  }

  /**
   * The account.
   *
   * @throws EntityNotFoundException if this workspace has no such account
   */
  public SocialAccount get(AccountId id) {
    Checks.required("accountId", id);
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().account(workspace, id).orElseThrow(() -> new EntityNotFoundException("account", id, workspace));
  }

  /** Every account of the workspace, ordered by id. */
  public List<SocialAccount> list() {
    workflow.authorize(actor, workspace, Permission.CONTENT_READ);
    return workflow.store().accounts(workspace);
  }

  /**
   * Removes the account.
   *
   * @throws EntityNotFoundException if this workspace has no such account
   */
  public void disconnect(AccountId id) {
    Checks.required("accountId", id);
    workflow.authorize(actor, workspace, Permission.ACCOUNT_MANAGE);
    if (!workflow.store().deleteAccount(workspace, id)) {
      throw new EntityNotFoundException("account", id, workspace);
    }
  }
}
