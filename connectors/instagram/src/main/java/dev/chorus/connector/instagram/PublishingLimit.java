package dev.chorus.connector.instagram;

import dev.chorus.InvalidValueException;
import dev.chorus.connector.PublishingQuota;
import dev.chorus.model.Checks;

/**
 * The account's publishing quota as Instagram reports it at run time ({@code GET
 * /{ig-user-id}/content_publishing_limit}): posts published through the API in the rolling window,
 * and the quota ({@code config.quota_total} over {@code config.quota_duration}).
 *
 * @param used posts published in the current window ({@code quota_usage})
 * @param quota the quota in force
 */
public record PublishingLimit(int used, PublishingQuota quota) {

  /** Checks the values. */
  public PublishingLimit {
    if (used < 0) {
      throw new InvalidValueException("publishingLimit.used", used, "must not be negative");
    }
    Checks.required("publishingLimit.quota", quota);
  }

  /** Posts that may still be published in the window. */
  public int remaining() {
    return Math.max(0, quota.maxPosts() - used);
  }

  /** Whether the quota is used up. */
  public boolean full() {
    return remaining() == 0;
  }
}
