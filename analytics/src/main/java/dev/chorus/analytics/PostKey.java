package dev.chorus.analytics;

import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import dev.chorus.model.MetricSnapshot;
import dev.chorus.model.Platform;

/** Identifies one post on one platform account: the unit metrics are cached and refreshed by. */
public record PostKey(Platform platform, AccountId accountId, String externalPostId) {

  /** Requires every field. */
  public PostKey {
    Checks.required("postKey.platform", platform);
    Checks.required("postKey.accountId", accountId);
    Checks.notBlank("postKey.externalPostId", externalPostId);
  }

  /** The key of a post snapshot. */
  public static PostKey of(MetricSnapshot snapshot) {
    return new PostKey(snapshot.platform(), snapshot.accountId(), snapshot.externalPostId());
  }
}
