package dev.chorus.connector;

import dev.chorus.model.Checks;
import dev.chorus.model.PublishedRef;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * What the platform made of a publish: its id for the post, a link, when, and the ids of any
 * thread parts and first comment it created.
 *
 * @param url a link to the post, or {@code null}
 * @param firstCommentId the first comment's id, or {@code null}
 */
public record PublishResult(
    String externalId, URI url, Instant publishedAt, List<String> threadPartIds, String firstCommentId) {

  public PublishResult {
    Checks.notBlank("result.externalId", externalId);
    Checks.required("result.publishedAt", publishedAt);
    threadPartIds = Checks.list("result.threadPartIds", threadPartIds);
    Checks.blankToNull("result.firstCommentId", firstCommentId);
  }

  /** A single post with no parts or comment. */
  public static PublishResult of(String externalId, URI url, Instant publishedAt) {
    return new PublishResult(externalId, url, publishedAt, List.of(), null);
  }

  /** The reference a post target keeps. */
  public PublishedRef toRef() {
    return new PublishedRef(externalId, url, publishedAt);
  }
}
