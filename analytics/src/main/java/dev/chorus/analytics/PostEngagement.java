package dev.chorus.analytics;

import dev.chorus.InvalidValueException;
import dev.chorus.model.AccountId;
import dev.chorus.model.Checks;
import java.time.Instant;

/**
 * How one published post performed, the input of {@link BestTimeToPost}.
 *
 * @param engagement the performance measure, for example an engagement rate or a count; compared
 *     only within the same account
 */
public record PostEngagement(AccountId accountId, Instant publishedAt, double engagement) {

  /** Validates. */
  public PostEngagement {
    Checks.required("postEngagement.accountId", accountId);
    Checks.required("postEngagement.publishedAt", publishedAt);
    if (!Double.isFinite(engagement)) {
      throw new InvalidValueException("postEngagement.engagement", engagement, "must be finite");
    }
  }
}
