package dev.chorus.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Another account's public profile as read at one instant: who it is, its public counters
 * ({@link Metric#FOLLOWERS}, {@link Metric#FOLLOWING}, {@link Metric#POSTS} where shown) and its
 * latest posts, newest first. A counter the platform hides is absent, never zero.
 *
 * @param externalId the platform's id of the profile
 * @param handle the handle, without a leading {@code @}
 * @param displayName the display name, or {@code null}
 * @param description the bio, empty when none
 * @param createdAt when the profile was created, or {@code null} when the platform does not say
 * @param counters public counters of the profile
 * @param recentPosts the latest posts, newest first
 */
public record PublicProfile(
    Platform platform,
    String externalId,
    String handle,
    String displayName,
    String description,
    Instant createdAt,
    Instant capturedAt,
    Map<Metric, Long> counters,
    List<PublicPost> recentPosts) {

  public PublicProfile {
    Checks.required("publicProfile.platform", platform);
    Checks.notBlank("publicProfile.externalId", externalId);
    Checks.notBlank("publicProfile.handle", handle);
    displayName = Checks.blankToNull("publicProfile.displayName", displayName);
    description = description == null ? "" : description;
    Checks.required("publicProfile.capturedAt", capturedAt);
    counters = Checks.counters("publicProfile.counters", counters);
    recentPosts = Checks.list("publicProfile.recentPosts", recentPosts);
  }

  /** The counter's value, or empty when the platform does not show it. */
  public OptionalLong counter(Metric metric) {
    Long value = counters.get(metric);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
