package dev.chorus.workflow;

import dev.chorus.EntityNotFoundException;
import dev.chorus.IllegalTransitionException;
import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.Post;
import dev.chorus.model.PostId;
import dev.chorus.model.PublishedRef;
import dev.chorus.model.TargetState;
import dev.chorus.model.WorkspaceId;

/**
 * How the scheduling engine (and other trusted machinery) moves a target, acting as {@link
 * Workflow#SYSTEM} without a permission check. Every move still follows {@link Lifecycle}, is
 * audited and emitted; a lost optimistic-concurrency race is retried on fresh state. Thread-safe.
 */
public final class SystemTransitions {

  private final Workflow workflow;

  SystemTransitions(Workflow workflow) {
    this.workflow = workflow;
  }

  /**
   * Moves the target to {@code to}.
   *
   * @param reason why, for the audit trail, or {@code null}
   * @return the stored post
   * @throws IllegalTransitionException if the table does not allow the move from the current state
   * @throws EntityNotFoundException if the workspace has no such post
   * @throws InvalidValueException if the account is not a target of the post
   */
  public Post transition(WorkspaceId workspace, PostId post, AccountId account, TargetState to, String reason) {
    return move(workspace, post, account, to, reason, null);
  }

  /** SCHEDULED → PUBLISHING: the engine claimed the target and is publishing it. */
  public Post publishing(WorkspaceId workspace, PostId post, AccountId account) {
    return move(workspace, post, account, TargetState.PUBLISHING, "publishing", null);
  }

  /** PUBLISHING → PUBLISHED, recording where it was published. */
  public Post published(WorkspaceId workspace, PostId post, AccountId account, PublishedRef ref) {
    Checks.required("published", ref);
    return move(workspace, post, account, TargetState.PUBLISHED, "published as " + ref.externalId(), ref);
  }

  /** PUBLISHING → FAILED with the reason (required). */
  public Post failed(WorkspaceId workspace, PostId post, AccountId account, String reason) {
    Checks.notBlank("reason", reason);
    return move(workspace, post, account, TargetState.FAILED, reason, null);
  }

  /** SCHEDULED → PAUSED (for example the crisis switch). */
  public Post paused(WorkspaceId workspace, PostId post, AccountId account, String reason) {
    return move(workspace, post, account, TargetState.PAUSED, reason == null ? "paused" : reason, null);
  }

  /** SCHEDULED → MISSED: its time passed while nothing could publish it. */
  public Post missed(WorkspaceId workspace, PostId post, AccountId account, String reason) {
    return move(workspace, post, account, TargetState.MISSED, reason == null ? "missed" : reason, null);
  }

  private Post move(
      WorkspaceId workspace, PostId post, AccountId account, TargetState to, String reason, PublishedRef ref) {
    Checks.required("workspace", workspace);
    Checks.required("postId", post);
    Checks.required("accountId", account);
    Checks.required("to", to);
    return workflow.mutate(
        workspace,
        post,
        change -> {
          var target =
              change
                  .current()
                  .target(account)
                  .orElseThrow(() -> new InvalidValueException("accountId", account, "is not a target of post " + post));
          change.move(target, to, Workflow.SYSTEM, reason, ref);
        });
  }
}
