package dev.chorus.model;

/**
 * One account a post goes to, with its own variant and its own place in the lifecycle.
 *
 * @param variant how the post looks there
 * @param approvalsGiven how many approval steps have been signed off in the current review round
 * @param published where it was published, or {@code null} until then
 * @param failureReason why it failed, or {@code null}
 */
public record PostTarget(
    AccountId accountId,
    PostVariant variant,
    TargetState state,
    int approvalsGiven,
    PublishedRef published,
    String failureReason) {

  public PostTarget {
    Checks.required("target.accountId", accountId);
    Checks.required("target.variant", variant);
    Checks.required("target.state", state);
    if (approvalsGiven < 0) {
      throw new dev.chorus.InvalidValueException("target.approvalsGiven", approvalsGiven, "must not be negative");
    }
  }

  /** A new draft target for the account with the variant. */
  public static PostTarget draft(AccountId account, PostVariant variant) {
    return new PostTarget(account, variant, TargetState.DRAFT, 0, null, null);
  }

  /** A new draft target for the account in the feed format. */
  public static PostTarget draft(AccountId account) {
    return draft(account, FEED);
  }

  /** The variant of a plain feed draft; immutable, so every such target shares it. */
  private static final PostVariant FEED = PostVariant.of(PostFormat.FEED);

  /** A copy in another state (approvals are kept; the lifecycle decides when to clear them). */
  public PostTarget withState(TargetState newState) {
    return new PostTarget(accountId, variant, newState, approvalsGiven, published, failureReason);
  }

  /** A copy with another approval count. */
  public PostTarget withApprovalsGiven(int count) {
    return new PostTarget(accountId, variant, state, count, published, failureReason);
  }

  /** A copy with another variant. */
  public PostTarget withVariant(PostVariant newVariant) {
    return new PostTarget(accountId, newVariant, state, approvalsGiven, published, failureReason);
  }

  /** A copy recording where it was published. */
  public PostTarget withPublished(PublishedRef ref) {
    return new PostTarget(accountId, variant, state, approvalsGiven, ref, failureReason);
  }

  /** A copy recording why it failed. */
  public PostTarget withFailureReason(String reason) {
    return new PostTarget(accountId, variant, state, approvalsGiven, published, reason);
  }
}
