package dev.chorus.schedule;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.WorkspaceId;
import java.util.Optional;

/**
 * What a pause covers: everything (the crisis switch), one workspace, or one account of a
 * workspace.
 *
 * @param workspace the workspace, or {@code null} for {@link Kind#ALL}
 * @param account the account, or {@code null} unless {@link Kind#ACCOUNT}
 */
public record PauseScope(Kind kind, WorkspaceId workspace, AccountId account) {

  /** How wide a pause is. */
  public enum Kind {
    /** Every dispatch of the instance. */
    ALL,
    /** Every dispatch of one workspace. */
    WORKSPACE,
    /** Every dispatch to one account. */
    ACCOUNT
  }

  public PauseScope {
    if (kind == null) {
      throw new InvalidValueException("pauseScope.kind", null, "is required");
    }
    if ((kind == Kind.ALL) != (workspace == null)) {
      throw new InvalidValueException("pauseScope.workspace", workspace,
          kind == Kind.ALL ? "must be absent for ALL" : "is required for " + kind);
    }
    if ((kind == Kind.ACCOUNT) != (account != null)) {
      throw new InvalidValueException("pauseScope.account", account,
          kind == Kind.ACCOUNT ? "is required for ACCOUNT" : "must be absent for " + kind);
    }
  }

  /** Everything: the crisis switch. */
  public static PauseScope all() {
    return new PauseScope(Kind.ALL, null, null);
  }

  /** One workspace. */
  public static PauseScope workspace(WorkspaceId workspace) {
    return new PauseScope(Kind.WORKSPACE, workspace, null);
  }

  /** One account of a workspace. */
  public static PauseScope account(WorkspaceId workspace, AccountId account) {
    return new PauseScope(Kind.ACCOUNT, workspace, account);
  }

  /** Whether this pause holds back the dispatch. */
  public boolean covers(DispatchKey key) {
    return switch (kind) {
      case ALL -> true;
      case WORKSPACE -> workspace.equals(key.workspace());
      case ACCOUNT -> workspace.equals(key.workspace()) && account.equals(key.account());
    };
  }

  /** The workspace, when the scope has one. */
  public Optional<WorkspaceId> workspaceId() {
    return Optional.ofNullable(workspace);
  }
}
