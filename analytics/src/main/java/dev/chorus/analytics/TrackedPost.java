package dev.chorus.analytics;

import dev.chorus.model.Checks;
import dev.chorus.model.SocialAccount;
import java.time.Instant;

/**
 * A published post whose metrics a {@link MetricsCollector} keeps fresh.
 *
 * @param account the account that published it (its platform picks the connector)
 * @param externalPostId the platform's id of the post
 * @param publishedAt when it went live; its age drives the {@link RefreshPolicy}
 */
public record TrackedPost(SocialAccount account, String externalPostId, Instant publishedAt) {

  /** Requires every field. */
  public TrackedPost {
    Checks.required("trackedPost.account", account);
    Checks.notBlank("trackedPost.externalPostId", externalPostId);
    Checks.required("trackedPost.publishedAt", publishedAt);
  }

  /** The key the collector caches this post's latest snapshot under. */
  public PostKey key() {
    return new PostKey(account.platform(), account.id(), externalPostId);
  }
}
