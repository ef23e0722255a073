package dev.chorus;

import dev.chorus.model.AccountId;
import dev.chorus.model.PostId;
import dev.chorus.model.TargetState;

/**
 * A post target was asked to move between two lifecycle states the transition table does not
 * connect, for example PUBLISHED to DRAFT. Nothing was changed.
 */
public class IllegalTransitionException extends ChorusException {

  private final PostId postId;
  private final AccountId accountId;
  private final TargetState from;
  private final TargetState to;

  /** A refused move of the post's target for the account from one state to another. */
  public IllegalTransitionException(PostId postId, AccountId accountId, TargetState from, TargetState to) {
    super("post " + postId + " on account " + accountId + " cannot move from " + from + " to " + to);
    this.postId = postId;
    this.accountId = accountId;
    this.from = from;
    this.to = to;
  }

  /** The post. */
  public PostId postId() {
    return postId;
  }

  /** The account of the target. */
  public AccountId accountId() {
    return accountId;
  }

  /** The state the target is in. */
  public TargetState from() {
    return from;
  }

  /** The state it was asked to move to. */
  public TargetState to() {
    return to;
  }
}
