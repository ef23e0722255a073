package dev.chorus;

import dev.chorus.model.PostId;

/**
 * Optimistic concurrency lost: the post was changed by someone else since it was read. Read it
 * again, re-apply the change and retry.
 */
public class StaleVersionException extends ChorusException {

  private final PostId postId;
  private final long expectedVersion;
  private final long actualVersion;

  /** The caller expected {@code expectedVersion} but the store holds {@code actualVersion}. */
  public StaleVersionException(PostId postId, long expectedVersion, long actualVersion) {
    super(
        "post " + postId + " was changed concurrently: expected version " + expectedVersion
            + ", stored version " + actualVersion);
    this.postId = postId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** Re-reading and retrying may succeed. */
  @Override
  public boolean retryable() {
    return true;
  }

  /** The post. */
  public PostId postId() {
    return postId;
  }

  /** The version the caller read. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version stored now. */
  public long actualVersion() {
    return actualVersion;
  }
}
