package dev.chorus.strategy.influencers;

import dev.chorus.model.Checks;
import dev.chorus.model.Metric;
import dev.chorus.model.PublicProfile;
import java.time.Instant;
import java.util.Optional;

/**
 * A profile's follower count as read at one instant, kept to measure growth and spot jumps.
 *
 * @param followers followers at {@code at}
 */
public record FollowerSnapshot(Instant at, long followers) {

  /** Validates. */
  public FollowerSnapshot {
    Checks.required("snapshot.at", at);
    Checks.nonNegative("snapshot.followers", followers);
  }

  /** The profile's follower count at its capture time, or empty when the platform hides it. */
  public static Optional<FollowerSnapshot> of(PublicProfile profile) {
    return profile.counter(Metric.FOLLOWERS).stream()
        .mapToObj(f -> new FollowerSnapshot(profile.capturedAt(), f))
        .findFirst();
  }
}
