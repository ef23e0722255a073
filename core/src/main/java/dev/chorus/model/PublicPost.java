package dev.chorus.model;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A post anyone can see, by any account, as found by a search or read from a public profile. Its
 * counters are the platform's public ones (likes, shares, comments, quotes, sometimes views); a
 * counter the platform does not show publicly is absent, never zero.
 *
 * @param externalId the platform's post id, opaque
 * @param authorId the platform's id of the author
 * @param authorHandle the author's handle, without a leading {@code @}
 * @param language the post's language as a BCP 47 tag when the platform says, or {@code null}
 * @param url a link to the post, or {@code null}
 * @param metrics public counters as read at {@code capturedAt}
 */
public record PublicPost(
    Platform platform,
    String externalId,
    String authorId,
    String authorHandle,
    String text,
    Instant createdAt,
    String language,
    URI url,
    Instant capturedAt,
    Map<Metric, Long> metrics) {

  public PublicPost {
    Checks.required("publicPost.platform", platform);
    Checks.notBlank("publicPost.externalId", externalId);
    Checks.notBlank("publicPost.authorId", authorId);
    Checks.notBlank("publicPost.authorHandle", authorHandle);
    text = text == null ? "" : text;
    Checks.required("publicPost.createdAt", createdAt);
    language = Checks.blankToNull("publicPost.language", language);
    Checks.required("publicPost.capturedAt", capturedAt);
    metrics = Checks.counters("publicPost.metrics", metrics);
  }

  /** The counter's value, or empty when the platform does not show it. */
  public OptionalLong metric(Metric metric) {
    Long value = metrics.get(metric);
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
