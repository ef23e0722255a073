package dev.chorus.connector.threads;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.model.Checks;

/**
 * The account's publishing quotas as Threads reports them at run time ({@code GET
 * /{threads-user-id}/threads_publishing_limit}): posts ({@code quota_usage} of {@code config}) and
 * replies ({@code reply_quota_usage} of {@code reply_config}) in their rolling windows.
 *
 * @param used posts published in the current window
 * @param quota the post quota in force
 * @param repliesUsed replies published in the current window
 * @param replyQuota the reply quota in force
 */
public record PublishingLimit(int used, PublishingQuota quota, int repliesUsed, PublishingQuota replyQuota) {

  /** Checks the values. */
  public PublishingLimit {
    if (used < 0) {
      throw new InvalidValueException("publishingLimit.used", used, "must not be negative");
    }
    if (repliesUsed < 0) {
      throw new InvalidValueException("publishingLimit.repliesUsed", repliesUsed, "must not be negative");
    }
    Checks.required("publishingLimit.quota", quota);
    Checks.required("publishingLimit.replyQuota", replyQuota);
  }

  /** Posts that may still be published in the window. */
  public int remaining() {
    return Math.max(0, quota.maxPosts() - used);
  }

  /** Replies that may still be published in the window. */
  public int repliesRemaining() {
    return Math.max(0, replyQuota.maxPosts() - repliesUsed);
  }

  /** Whether the post quota is used up. */
  public boolean full() {
    return remaining() == 0;
  }
}
